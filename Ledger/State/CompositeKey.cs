namespace Fabricish.Ledger.State;

/// <summary>A key qualified by its namespace (chaincode name), as MVCC validation looks keys up across a block.</summary>
public readonly record struct CompositeKey(string Namespace, string Key);
