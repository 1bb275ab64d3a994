using Fabricish.Committer;
using Fabricish.Protos.Common;

namespace Fabricish.Peer.Tests.Events.Support;

/// <summary>Accepts every block: the test chain's blocks carry no orderer signatures, and these tests are about
/// what happens after a block is accepted.</summary>
internal sealed class AcceptingBlockVerifier : IBlockVerifier
{
    public string? Verify(Block block) => null;
}
