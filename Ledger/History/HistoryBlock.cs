namespace Fabricish.Ledger.History;

/// <summary>The writes of one block's valid transactions in block order; a block without any (genesis, config,
/// all invalid) is still recorded, so the history database's savepoint passes it.</summary>
public sealed record HistoryBlock(ulong Number, IReadOnlyList<HistoryWrite> Writes);
