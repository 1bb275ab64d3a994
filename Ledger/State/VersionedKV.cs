namespace Fabricish.Ledger.State;

/// <summary>One result of a range scan or rich query.</summary>
public sealed record VersionedKV(string Key, VersionedValue VersionedValue);
