namespace Fabricish.Ledger.History;

/// <summary>One key a valid transaction wrote or deleted: what Fabric's history database records per write, the
/// value itself staying in the block.</summary>
/// <param name="TxNum">The transaction's position in its block.</param>
public readonly record struct HistoryWrite(int TxNum, string Namespace, string Key);
