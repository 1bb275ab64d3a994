namespace Fabricish.Ledger.Storage;

/// <summary>One index log entry: a block's location and the tx ids of its data entries in order (empty string
/// for an entry carrying none), or null <paramref name="TxIds"/> when the ids are not recorded — the store does
/// not index them, or the entry was written by one that did not.</summary>
internal sealed record IndexedBlock(BlockLocation Location, IReadOnlyList<string>? TxIds);
