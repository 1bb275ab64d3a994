using Fabricish.Channels.Config;
using Fabricish.Channels.Policies;
using Fabricish.Protos.Orderer;

namespace Fabricish.Orderer.MsgProcessor;

/// <summary>
/// Admits an envelope only if its creator's signature satisfies the channel's writers policy (Fabric's <c>SigFilter</c>);
/// in maintenance mode the orderer writers policy applies instead. A failed policy answers FORBIDDEN with the policy's
/// reason followed by ": permission denied", as Fabric wraps <c>ErrPermissionDenied</c>.
/// </summary>
public sealed class SigFilter(string normalPolicyName, string maintenancePolicyName) : IMessageRule
{
    public const string OrdererWriters = "/Channel/Orderer/Writers";

    public static SigFilter ChannelWriters { get; } = new(PolicyManager.ChannelWriters, OrdererWriters);

    public FilterResult Apply(BroadcastMessage message, ChannelConfig config)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(config);
        if (message.SignedDataError is { } error)
        {
            return FilterResult.BadRequest(error);
        }

        string policyName = config.Orderer.ConsensusState == ConsensusType.Types.State.Maintenance
            ? maintenancePolicyName
            : normalPolicyName;
        if (!config.Policies.TryGetPolicy(policyName, out IPolicy? policy))
        {
            return FilterResult.BadRequest($"could not find policy {policyName}");
        }

        PolicyResult result = policy.Evaluate([message.SignedData]);
        return result.Satisfied ? FilterResult.Ok : FilterResult.Forbidden($"{result.Reason}: permission denied");
    }
}
