namespace Fabricish.Ledger;

/// <summary>Where a transaction id first appeared: the block and the position of its envelope in the block's data.</summary>
public readonly record struct TxLocation(ulong BlockNumber, int TxIndex);
