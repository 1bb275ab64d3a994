namespace Fabricish.Ledger.State;

/// <summary>A committed value with the height of the transaction that wrote it. <see cref="Metadata"/> carries
/// Fabric's key-level metadata (e.g. a state-based endorsement policy), null when the key has none.</summary>
public sealed record VersionedValue(byte[] Value, Height Version, byte[]? Metadata = null);
