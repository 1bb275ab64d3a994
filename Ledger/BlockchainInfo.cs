namespace Fabricish.Ledger;

/// <summary>Fabric's <c>common.BlockchainInfo</c>: the height and the hashes a new block must chain onto.
/// Both hashes are empty for an empty chain, and <see cref="PreviousBlockHash"/> is empty at height 1.</summary>
public sealed record BlockchainInfo(ulong Height, ReadOnlyMemory<byte> CurrentBlockHash, ReadOnlyMemory<byte> PreviousBlockHash);
