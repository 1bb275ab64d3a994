namespace Fabricish.Cli.Connection;

/// <summary>A peer or orderer entry of a connection profile.</summary>
public sealed record ProfileNode(string Name, string Url, string? TlsCaCertsPath, string? TlsCaCertsPem, string? ServerNameOverride);
