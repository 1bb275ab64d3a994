using System.Globalization;
using System.Text;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;

namespace Fabricish.Channels.Policies;

/// <summary>
/// An <c>ImplicitMetaPolicy</c>: ANY / ALL / MAJORITY of the same-named policy in each child group.
/// A child group lacking the sub-policy still counts towards the total and is never satisfied.
/// </summary>
internal sealed class CompiledImplicitMetaPolicy : EvaluablePolicy
{
    private readonly EvaluablePolicy[] _subPolicies;
    private readonly string[] _subPolicyNames;
    private readonly int _threshold;

    /// <param name="subPolicies">Child group name → that group's policy named <c>SubPolicy</c>.</param>
    public CompiledImplicitMetaPolicy(
        string path,
        ImplicitMetaPolicy definition,
        IReadOnlyList<KeyValuePair<string, EvaluablePolicy>> subPolicies,
        IIdentityDeserializer deserializer)
        : base(path, PolicyFormatter.Format(definition), deserializer)
    {
        _subPolicies = subPolicies.Select(s => s.Value).ToArray();
        _subPolicyNames = subPolicies.Select(s => $"{s.Key}.{definition.SubPolicy}").ToArray();
        _threshold = Threshold(definition.Rule, _subPolicies.Length);
    }

    /// <summary>Fabric's thresholds; with no child groups nothing is required, whatever the rule.</summary>
    internal static int Threshold(ImplicitMetaPolicy.Types.Rule rule, int children) => children == 0
        ? 0
        : rule switch
        {
            ImplicitMetaPolicy.Types.Rule.All => children,
            ImplicitMetaPolicy.Types.Rule.Majority => (children / 2) + 1,
            _ => 1,
        };

    internal override bool IsSatisfied(ReadOnlySpan<IIdentity> identities, bool deduplicated)
    {
        var remaining = _threshold;
        if (remaining == 0)
        {
            return true;
        }

        foreach (var subPolicy in _subPolicies)
        {
            if (subPolicy.IsSatisfied(identities, deduplicated) && --remaining == 0)
            {
                return true;
            }
        }

        return false;
    }

    internal override string Explain(ReadOnlySpan<IIdentity> identities, bool deduplicated)
    {
        var satisfied = 0;
        var unsatisfied = new StringBuilder();
        for (var i = 0; i < _subPolicies.Length; i++)
        {
            if (_subPolicies[i].IsSatisfied(identities, deduplicated))
            {
                satisfied++;
                continue;
            }

            unsatisfied.Append(unsatisfied.Length == 0 ? "" : "; ")
                .Append(_subPolicyNames[i]).Append(" unsatisfied (")
                .Append(_subPolicies[i].Explain(identities, deduplicated)).Append(')');
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"needed {_threshold} of {_subPolicies.Length} sub-policies, got {satisfied}: {unsatisfied}");
    }
}
