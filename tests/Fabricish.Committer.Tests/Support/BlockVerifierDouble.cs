using Fabricish.Protos.Common;

namespace Fabricish.Committer.Tests.Support;

/// <summary>Stands in for orderer signature checks: accepts every block unless told to refuse one number.</summary>
internal sealed class BlockVerifierDouble : IBlockVerifier
{
    public ulong? RefuseNumber { get; set; }

    public string? Verify(Block block) => block.Header.Number == RefuseNumber ? "not signed by the ordering service" : null;
}
