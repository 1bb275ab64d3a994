using System.Runtime.CompilerServices;
using Fabricish.Channels.Config;
using Fabricish.Channels.Policies;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Peer.Gateway;

/// <summary>
/// The minimal organisation layouts that satisfy a chaincode's endorsement policy, as Fabric's discovery service
/// computes them for the gateway's endorsement plan: a signature policy's principals name their MSPs, with its
/// NOutOf structure; a reference to a channel policy is resolved in the channel configuration, where an implicit-meta
/// policy (typically <c>MAJORITY Endorsement</c>) needs ANY/ALL/MAJORITY of its child groups' sub-policies. Roles are
/// not checked here: the plan asks peers, and the committer judges their endorsements. The lifecycle judges
/// organisations' approvals against the same layouts (<see cref="Lifecycle.ApprovalPolicy"/>).
/// </summary>
internal static class EndorsementLayouts
{
    /// <summary>Bounds the combinations kept per policy node, so a wide OutOf cannot blow up the planning.</summary>
    private const int MaxLayouts = 256;

    private static readonly ConditionalWeakTable<ChannelConfig, ConfigGroup> ConfigTrees = [];

    private static readonly ConditionalWeakTable<ApplicationPolicy, ComputedLayouts> Computed = [];

    /// <returns>The layouts, least endorsements first (empty when the policy cannot be satisfied by any
    /// organisations), or null with <paramref name="error"/> when the policy cannot be read.</returns>
    /// <remarks>The answer is remembered for this policy object under this configuration (policies come from the
    /// lifecycle's committed definitions, one object per definition), so a gateway plans each transaction without
    /// walking the policy and the configuration tree again.</remarks>
    public static IReadOnlyList<EndorsementLayout>? Compute(ApplicationPolicy policy, ChannelConfig config, out string? error)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(config);
        ComputedLayouts? last = Computed.TryGetValue(policy, out ComputedLayouts? remembered) ? remembered : null;
        if (last is null || !ReferenceEquals(last.Config, config))
        {
            IReadOnlyList<EndorsementLayout>? layouts = ComputeUncached(policy, config, out string? computeError);
            last = new ComputedLayouts(config, layouts, computeError);
            Computed.AddOrUpdate(policy, last);
        }

        error = last.Error;
        return last.Layouts;
    }

    private static IReadOnlyList<EndorsementLayout>? ComputeUncached(ApplicationPolicy policy, ChannelConfig config, out string? error)
    {
        error = null;
        List<EndorsementLayout>? layouts = policy.TypeCase switch
        {
            ApplicationPolicy.TypeOneofCase.SignaturePolicy => FromSignaturePolicy(policy.SignaturePolicy),
            ApplicationPolicy.TypeOneofCase.ChannelConfigPolicyReference => FromReference(policy.ChannelConfigPolicyReference, config, out error),
            _ => null,
        };
        if (layouts is null)
        {
            error ??= "the endorsement policy is neither a signature policy nor a channel policy reference";
            return null;
        }

        return layouts.OrderBy(l => l.Total).ThenBy(l => l.Quantities.Count).ToArray();
    }

    public static List<EndorsementLayout> FromSignaturePolicy(SignaturePolicyEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        string?[] principals = [.. envelope.Identities.Select(PrincipalMsp)];
        return envelope.Rule is null ? [] : FromRule(envelope.Rule, principals, depth: 0);
    }

    private static List<EndorsementLayout> FromRule(SignaturePolicy rule, string?[] principals, int depth)
    {
        if (depth > 64)
        {
            return [];
        }

        switch (rule.TypeCase)
        {
            case SignaturePolicy.TypeOneofCase.SignedBy:
                int index = rule.SignedBy;
                return index >= 0 && index < principals.Length && principals[index] is { } mspId ? [EndorsementLayout.Of(mspId)] : [];
            case SignaturePolicy.TypeOneofCase.NOutOf:
                List<List<EndorsementLayout>> children = [.. rule.NOutOf.Rules.Select(r => FromRule(r, principals, depth + 1))];
                return Choose(rule.NOutOf.N, children, distinctSigners: true);
            default:
                return [];
        }
    }

    private static List<EndorsementLayout>? FromReference(string reference, ChannelConfig config, out string? error)
    {
        error = null;
        string[] path = reference.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (path.Length > 0 && path[0] == PolicyManager.ChannelGroup)
        {
            path = path[1..];
        }

        ConfigGroup group = ConfigTrees.GetValue(config, c => c.CloneConfig().ChannelGroup);
        for (int i = 0; i < path.Length - 1; i++)
        {
            if (!group.Groups.TryGetValue(path[i], out ConfigGroup? child))
            {
                error = $"endorsement policy {reference} does not exist in the configuration of channel {config.ChannelId}";
                return null;
            }

            group = child;
        }

        if (path.Length == 0 || !group.Policies.TryGetValue(path[^1], out ConfigPolicy? policy) || policy.Policy is null)
        {
            error = $"endorsement policy {reference} does not exist in the configuration of channel {config.ChannelId}";
            return null;
        }

        try
        {
            return FromConfigPolicy(group, policy.Policy, depth: 0);
        }
        catch (InvalidProtocolBufferException e)
        {
            error = $"endorsement policy {reference} of channel {config.ChannelId} is malformed: {e.Message}";
            return null;
        }
    }

    private static List<EndorsementLayout> FromConfigPolicy(ConfigGroup group, Policy policy, int depth)
    {
        if (depth > 16)
        {
            return [];
        }

        switch ((Policy.Types.PolicyType)policy.Type)
        {
            case Policy.Types.PolicyType.Signature:
                return FromSignaturePolicy(SignaturePolicyEnvelope.Parser.ParseFrom(policy.Value));
            case Policy.Types.PolicyType.ImplicitMeta:
                ImplicitMetaPolicy meta = ImplicitMetaPolicy.Parser.ParseFrom(policy.Value);
                var children = new List<List<EndorsementLayout>>();
                foreach (string name in group.Groups.Keys.Order(StringComparer.Ordinal))
                {
                    ConfigGroup child = group.Groups[name];
                    // A child group without the sub-policy still counts towards the threshold and is never satisfied.
                    children.Add(child.Policies.TryGetValue(meta.SubPolicy, out ConfigPolicy? sub) && sub.Policy is not null
                        ? FromConfigPolicy(child, sub.Policy, depth + 1)
                        : []);
                }

                return Choose(Threshold(meta.Rule, children.Count), children, distinctSigners: false);
            default:
                return [];
        }
    }

    /// <summary>Fabric's implicit-meta thresholds; with no child groups nothing is required.</summary>
    public static int Threshold(ImplicitMetaPolicy.Types.Rule rule, int children) => children == 0
        ? 0
        : rule switch
        {
            ImplicitMetaPolicy.Types.Rule.All => children,
            ImplicitMetaPolicy.Types.Rule.Majority => (children / 2) + 1,
            _ => 1,
        };

    /// <summary>Every way to satisfy <paramref name="n"/> of the children, minimal layouts only.</summary>
    private static List<EndorsementLayout> Choose(int n, List<List<EndorsementLayout>> children, bool distinctSigners)
    {
        if (n <= 0)
        {
            return [EndorsementLayout.Empty];
        }

        var satisfiable = children.Where(c => c.Count > 0).ToList();
        if (n > satisfiable.Count)
        {
            return [];
        }

        var result = new List<EndorsementLayout>();
        foreach (int[] combination in Combinations(satisfiable.Count, n))
        {
            List<EndorsementLayout> partial = [EndorsementLayout.Empty];
            foreach (int index in combination)
            {
                partial = Minimal([.. partial.SelectMany(p => satisfiable[index].Select(l => p.Combine(l, distinctSigners)))]);
            }

            result.AddRange(partial);
            if (result.Count > MaxLayouts * 4)
            {
                result = Minimal(result);
            }
        }

        return Minimal(result);
    }

    private static IEnumerable<int[]> Combinations(int count, int n)
    {
        int[] indexes = [.. Enumerable.Range(0, n)];
        while (true)
        {
            yield return (int[])indexes.Clone();
            int i = n - 1;
            while (i >= 0 && indexes[i] == count - n + i)
            {
                i--;
            }

            if (i < 0)
            {
                yield break;
            }

            indexes[i]++;
            for (int j = i + 1; j < n; j++)
            {
                indexes[j] = indexes[j - 1] + 1;
            }
        }
    }

    /// <summary>Drops layouts that ask for more than another one does, keeping at most <see cref="MaxLayouts"/>.</summary>
    private static List<EndorsementLayout> Minimal(List<EndorsementLayout> layouts)
    {
        var ordered = layouts.OrderBy(l => l.Total).ToList();
        var kept = new List<EndorsementLayout>();
        foreach (EndorsementLayout layout in ordered)
        {
            if (!kept.Any(layout.Covers))
            {
                kept.Add(layout);
                if (kept.Count == MaxLayouts)
                {
                    break;
                }
            }
        }

        return kept;
    }

    /// <summary>The MSP a policy principal belongs to; null for principals no organisation's peer can satisfy
    /// (anonymity, combined).</summary>
    private static string? PrincipalMsp(MSPPrincipal principal)
    {
        try
        {
            return principal.PrincipalClassification switch
            {
                MSPPrincipal.Types.Classification.Role => MSPRole.Parser.ParseFrom(principal.Principal).MspIdentifier,
                MSPPrincipal.Types.Classification.OrganizationUnit => OrganizationUnit.Parser.ParseFrom(principal.Principal).MspIdentifier,
                MSPPrincipal.Types.Classification.Identity => SerializedIdentity.Parser.ParseFrom(principal.Principal).Mspid,
                _ => null,
            };
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    /// <summary>The layouts of a policy under one configuration (a new configuration computes them again).</summary>
    private sealed record ComputedLayouts(ChannelConfig Config, IReadOnlyList<EndorsementLayout>? Layouts, string? Error);
}
