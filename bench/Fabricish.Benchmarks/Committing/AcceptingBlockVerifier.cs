using Fabricish.Protos.Common;

namespace Fabricish.Benchmarks.Committing;

/// <summary>Accepts every block: the pre-built blocks carry no orderer signature, and checking one costs a single
/// verify per block (1 % of a 100-transaction block's three hundred), so leaving it out does not move the figures.</summary>
internal sealed class AcceptingBlockVerifier : Committer.IBlockVerifier
{
    public string? Verify(Block block) => null;
}
