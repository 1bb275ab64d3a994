namespace Fabricish.Ledger.PrivateData;

/// <summary>A collection's private data that a member peer committed a block without (Fabric's missing data entry of
/// the pvtdata store): where it belongs and the hash the block carries, to check the data against when it is
/// reconciled.</summary>
public sealed record MissingPrivateData(ulong BlockNumber, ulong TxNumber, string TxId, string Namespace, string Collection, byte[] PvtRwSetHash);
