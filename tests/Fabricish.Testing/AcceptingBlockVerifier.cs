using Fabricish.Committer;
using Fabricish.Protos.Common;

namespace Fabricish.Testing;

/// <summary>Accepts every block, for a committer fed blocks no orderer signed (<see cref="TestChain"/>'s, the bench's
/// pre-built ones) where what is tested or measured comes after a block is accepted. In the bench it leaves out one
/// signature check per block (1 % of a 100-transaction block's three hundred), which does not move the figures.</summary>
public sealed class AcceptingBlockVerifier : IBlockVerifier
{
    public string? Verify(Block block) => null;
}
