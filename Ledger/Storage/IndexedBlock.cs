namespace Fabricish.Ledger.Storage;

/// <summary>One index log entry: a block's location and the tx ids of its data entries in order
/// (empty string for an entry carrying none).</summary>
internal sealed record IndexedBlock(BlockLocation Location, IReadOnlyList<string> TxIds);
