using System.Runtime.CompilerServices;
using Fabricish.Peer.Gateway;
using Fabricish.Protos.Peer;

namespace Fabricish.Peer.Lifecycle;

/// <summary>The gateway's endorsement policies from committed definitions (their validation parameter), with
/// <c>_lifecycle</c> itself under <c>/Channel/Application/LifecycleEndorsement</c>; a chaincode the lifecycle does not
/// define has none. A definition's policy is parsed once and the same object answered for it until a new definition
/// replaces it, so the gateway's plans (<see cref="EndorsementLayouts"/>) are remembered per policy.</summary>
internal sealed class LifecycleEndorsementPolicyLookup(LifecycleDefinitions definitions) : IEndorsementPolicyLookup
{
    private static readonly ApplicationPolicy LifecyclePolicy = new() { ChannelConfigPolicyReference = ApprovalPolicy.LifecycleEndorsementPath };

    private readonly ConditionalWeakTable<LifecycleDefinition, StrongBox<ApplicationPolicy?>> _parsed = [];

    public async ValueTask<ApplicationPolicy?> GetEndorsementPolicyAsync(string channelId, string chaincodeName, CancellationToken cancellationToken = default)
    {
        if (chaincodeName == LifecycleKeys.Namespace)
        {
            return LifecyclePolicy;
        }

        LifecycleDefinition? definition = await definitions.GetAsync(channelId, chaincodeName, cancellationToken).ConfigureAwait(false);
        return definition is null ? null : _parsed.GetValue(definition, d => new StrongBox<ApplicationPolicy?>(d.EndorsementPolicy())).Value;
    }
}
