using Fabricish.Protos.Peer;

namespace Fabricish.Peer.Gateway;

/// <summary>Where the gateway learns a chaincode's endorsement policy to plan which organisations must endorse
/// (Fabric's gateway asks the lifecycle for the chaincode definition's ValidationParameter, an ApplicationPolicy).
/// The policy is returned uncompiled: either a signature policy or a reference to a channel configuration policy
/// such as <c>/Channel/Application/Endorsement</c>.</summary>
internal interface IEndorsementPolicyLookup
{
    /// <summary>The chaincode's endorsement policy, or null when <paramref name="chaincodeName"/> is not defined on
    /// <paramref name="channelId"/>.</summary>
    /// <remarks>Asynchronous because the definitions may still be loading from state (a restarted peer).</remarks>
    ValueTask<ApplicationPolicy?> GetEndorsementPolicyAsync(string channelId, string chaincodeName, CancellationToken cancellationToken = default);
}
