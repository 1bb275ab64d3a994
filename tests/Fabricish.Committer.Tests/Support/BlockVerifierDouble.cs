using Fabricish.Protos.Common;

namespace Fabricish.Committer.Tests.Support;

/// <summary>Stands in for orderer signature checks: accepts every block unless told to refuse one number, and records
/// the data hash the committer handed it with each block.</summary>
internal sealed class BlockVerifierDouble : IBlockVerifier
{
    public ulong? RefuseNumber { get; set; }

    /// <summary>The data hash passed with the last block asked about; null until a block is.</summary>
    public byte[]? LastDataHash { get; private set; }

    /// <summary>How many blocks were asked about.</summary>
    public int Calls { get; private set; }

    public string? Verify(Block block) => block.Header.Number == RefuseNumber ? "not signed by the ordering service" : null;

    public string? Verify(Block block, ReadOnlySpan<byte> dataHash)
    {
        Calls++;
        LastDataHash = dataHash.ToArray();
        return Verify(block);
    }
}
