using Fabricish.Channels.Config;
using Fabricish.Peer.Gateway;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Peer.Lifecycle;

/// <summary>Whether a set of approving organizations satisfies the channel's LifecycleEndorsement policy, judged at
/// the level of organizations: an ImplicitMeta rule (<c>MAJORITY Endorsement</c>) counts approving application
/// orgs against the rule's threshold; a signature rule treats each principal as satisfied when its MSP approved.
/// The commit transaction's endorsements are still checked against the real policy when it is validated.</summary>
internal static class ApprovalPolicy
{
    public const string LifecycleEndorsementPath = "/Channel/Application/" + ConfigKeys.LifecycleEndorsementPolicy;

    /// <summary>Null when satisfied; otherwise the reason, naming the orgs whose approval is missing.</summary>
    public static string? Check(ChannelConfig config, IReadOnlyDictionary<string, bool> approvals)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(approvals);
        string missing = string.Join(", ", approvals.Where(a => !a.Value).Select(a => a.Key).Order(StringComparer.Ordinal));
        ConfigGroup? application = config.CloneConfig().ChannelGroup?.Groups.GetValueOrDefault(ConfigKeys.ApplicationGroup);
        if (application?.Policies.GetValueOrDefault(ConfigKeys.LifecycleEndorsementPolicy)?.Policy is not { } policy)
        {
            return $"policy '{LifecycleEndorsementPath}' must be defined for channel '{config.ChannelId}' before chaincode definitions can be committed";
        }

        bool satisfied;
        string rule;
        try
        {
            (satisfied, rule) = policy.Type switch
            {
                (int)Policy.Types.PolicyType.ImplicitMeta => ImplicitMeta(ImplicitMetaPolicy.Parser.ParseFrom(policy.Value), approvals),
                (int)Policy.Types.PolicyType.Signature => Signature(SignaturePolicyEnvelope.Parser.ParseFrom(policy.Value), approvals),
                _ => (false, $"policy type {policy.Type}"),
            };
        }
        catch (InvalidProtocolBufferException e)
        {
            return $"policy '{LifecycleEndorsementPath}' does not parse: {e.Message}";
        }

        return satisfied
            ? null
            : $"chaincode definition not agreed to by enough organizations to satisfy the {LifecycleEndorsementPath} policy ({rule}): no approval from {(missing.Length == 0 ? "the required organizations" : missing)}";
    }

    private static (bool, string) ImplicitMeta(ImplicitMetaPolicy policy, IReadOnlyDictionary<string, bool> approvals)
    {
        int orgs = approvals.Count;
        int approved = approvals.Count(a => a.Value);
        int threshold = EndorsementLayouts.Threshold(policy.Rule, orgs);
        return (approved >= threshold, $"{policy.Rule.ToString().ToUpperInvariant()} {policy.SubPolicy}: {approved} of {orgs} approved, {threshold} needed");
    }

    /// <summary>The rule is met when every organization of one of its layouts approved; how many peers a layout asks
    /// of an organization does not matter here, one approval stands for the whole organization.</summary>
    private static (bool, string) Signature(SignaturePolicyEnvelope envelope, IReadOnlyDictionary<string, bool> approvals) =>
        (EndorsementLayouts.FromSignaturePolicy(envelope).Any(layout => layout.Organizations.All(approvals.GetValueOrDefault)),
         "signature policy over the approving organizations");
}
