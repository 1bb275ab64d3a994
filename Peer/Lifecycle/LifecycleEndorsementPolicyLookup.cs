using Fabricish.Peer.Gateway;
using Fabricish.Protos.Peer;

namespace Fabricish.Peer.Lifecycle;

/// <summary>The gateway's endorsement policies from committed definitions (their validation parameter), with
/// <c>_lifecycle</c> itself under <c>/Channel/Application/LifecycleEndorsement</c>; chaincodes the lifecycle does not
/// define fall back to the configured policies.</summary>
internal sealed class LifecycleEndorsementPolicyLookup(LifecycleDefinitions definitions, IEndorsementPolicyLookup fallback) : IEndorsementPolicyLookup
{
    public async ValueTask<ApplicationPolicy?> GetEndorsementPolicyAsync(string channelId, string chaincodeName, CancellationToken cancellationToken = default)
    {
        if (chaincodeName == LifecycleKeys.Namespace)
        {
            return new ApplicationPolicy { ChannelConfigPolicyReference = ApprovalPolicy.LifecycleEndorsementPath };
        }

        return await definitions.GetAsync(channelId, chaincodeName, cancellationToken).ConfigureAwait(false) is { } definition
            ? definition.EndorsementPolicy()
            : await fallback.GetEndorsementPolicyAsync(channelId, chaincodeName, cancellationToken).ConfigureAwait(false);
    }
}
