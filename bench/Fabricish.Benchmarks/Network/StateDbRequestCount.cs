namespace Fabricish.Benchmarks.Network;

/// <summary>HTTP requests of one kind a CouchDB-compatible server logged during the window, and per committed transaction.</summary>
public sealed record StateDbRequestCount(string Server, string Request, long Count, double PerTransaction);
