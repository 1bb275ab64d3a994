using Fabricish.Peer.Gateway;
using Fabricish.Protos.Peer;

namespace Fabricish.Peer.Lifecycle;

/// <summary>The gateway's endorsement policies from committed definitions (their validation parameter), with
/// <c>_lifecycle</c> itself under <c>/Channel/Application/LifecycleEndorsement</c>; a chaincode the lifecycle does not
/// define has none.</summary>
internal sealed class LifecycleEndorsementPolicyLookup(LifecycleDefinitions definitions) : IEndorsementPolicyLookup
{
    public async ValueTask<ApplicationPolicy?> GetEndorsementPolicyAsync(string channelId, string chaincodeName, CancellationToken cancellationToken = default)
    {
        if (chaincodeName == LifecycleKeys.Namespace)
        {
            return new ApplicationPolicy { ChannelConfigPolicyReference = ApprovalPolicy.LifecycleEndorsementPath };
        }

        return (await definitions.GetAsync(channelId, chaincodeName, cancellationToken).ConfigureAwait(false))?.EndorsementPolicy();
    }
}
