using System.Text;
using Fabricish.Channels.Msp;

namespace Fabricish.Channels.Policies;

/// <summary>An <c>n_out_of</c> gate.</summary>
internal sealed class OutOfNode : SignatureRuleNode
{
    private readonly SignatureRuleNode[] _children;

    public OutOfNode(int threshold, SignatureRuleNode[] children)
    {
        Threshold = threshold;
        _children = children;
        Depth = 1 + children.Select(c => c.Depth).DefaultIfEmpty(0).Max();
        Text = Render(threshold, children);
    }

    public int Threshold { get; }

    public IReadOnlyList<SignatureRuleNode> Children => _children;

    public override string Text { get; }

    public override int Depth { get; }

    public override bool Evaluate(ReadOnlySpan<IIdentity> identities, Span<bool> used, Span<bool> scratch) =>
        Count(identities, used, scratch, []) >= Threshold;

    /// <summary>
    /// Evaluates every child in order, even once the threshold is met, because a satisfied child
    /// consumes identities and that affects the gates evaluated after this one; Fabric does the same.
    /// Each child works on a copy of the used flags, kept only if the child is satisfied.
    /// <paramref name="outcomes"/> (empty, or one per child) records which children were satisfied.
    /// </summary>
    public int Count(ReadOnlySpan<IIdentity> identities, Span<bool> used, Span<bool> scratch, Span<bool> outcomes)
    {
        var n = identities.Length;
        var trial = scratch[..n];
        var deeper = scratch[n..];
        var verified = 0;
        for (var i = 0; i < _children.Length; i++)
        {
            used.CopyTo(trial);
            var satisfied = _children[i].Evaluate(identities, trial, deeper);
            if (satisfied)
            {
                verified++;
                trial.CopyTo(used);
            }

            if (!outcomes.IsEmpty)
            {
                outcomes[i] = satisfied;
            }
        }

        return verified;
    }

    private static string Render(int threshold, SignatureRuleNode[] children)
    {
        var builder = new StringBuilder();
        if (children.Length > 0 && threshold == 1)
        {
            builder.Append("OR(");
        }
        else if (children.Length > 1 && threshold == children.Length)
        {
            builder.Append("AND(");
        }
        else
        {
            builder.Append("OutOf(").Append(threshold).Append(children.Length > 0 ? ", " : "");
        }

        return builder.AppendJoin(", ", children.Select(c => c.Text)).Append(')').ToString();
    }
}
