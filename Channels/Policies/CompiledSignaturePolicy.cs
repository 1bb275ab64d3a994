using System.Globalization;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;

namespace Fabricish.Channels.Policies;

/// <summary>
/// A <c>SignaturePolicyEnvelope</c> compiled once into a rule tree (Fabric's cauthdsl), so each
/// evaluation only walks the tree over the valid identities.
/// </summary>
internal sealed class CompiledSignaturePolicy : EvaluablePolicy
{
    // Flags for up to this many (identities × gate depth) live on the stack.
    private const int StackFlags = 256;

    private readonly SignatureRuleNode _root;

    private CompiledSignaturePolicy(string path, string description, IIdentityDeserializer deserializer, SignatureRuleNode root)
        : base(path, description, deserializer) => _root = root;

    public static PolicyBuildResult<CompiledSignaturePolicy> Compile(
        string path, SignaturePolicyEnvelope envelope, IIdentityDeserializer deserializer)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(deserializer);
        if (envelope.Version != 0)
        {
            return PolicyBuildResult<CompiledSignaturePolicy>.Fail(string.Create(
                CultureInfo.InvariantCulture,
                $"signature policy {path} has version {envelope.Version}, only version 0 is understood"));
        }

        string? error = null;
        var root = CompileRule(envelope.Rule, envelope, ref error);
        return root is null
            ? PolicyBuildResult<CompiledSignaturePolicy>.Fail($"signature policy {path} did not compile: {error}")
            : PolicyBuildResult<CompiledSignaturePolicy>.Ok(
                new CompiledSignaturePolicy(path, PolicyFormatter.Format(envelope), deserializer, root));
    }

    internal override bool IsSatisfied(ReadOnlySpan<IIdentity> identities, bool deduplicated)
    {
        var size = identities.Length * (_root.Depth + 1);
        var flags = size <= StackFlags ? stackalloc bool[StackFlags] : new bool[size];
        flags = flags[..size];
        flags.Clear();
        var used = flags[..identities.Length];
        if (!deduplicated)
        {
            MarkRepeats(identities, used);
        }

        return _root.Evaluate(identities, used, flags[identities.Length..]);
    }

    internal override string Explain(ReadOnlySpan<IIdentity> identities, bool deduplicated)
    {
        var n = identities.Length;
        var flags = new bool[n * (_root.Depth + 1)];
        var used = flags.AsSpan(0, n);
        if (!deduplicated)
        {
            MarkRepeats(identities, used);
        }

        if (_root is not OutOfNode gate)
        {
            return $"no valid signature from {_root.Text}";
        }

        if (gate.Children.Count == 1 && gate.Threshold == 1 && gate.Children[0] is SignedByNode leaf)
        {
            return $"no valid signature from {leaf.Text}";
        }

        var outcomes = new bool[gate.Children.Count];
        var got = gate.Count(identities, used, flags.AsSpan(n), outcomes);
        var missing = gate.Children.Where((_, i) => !outcomes[i]).Select(c => c.Text);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"needed {gate.Threshold} of [{string.Join(", ", gate.Children.Select(c => c.Text))}], got {got} (unsatisfied: {string.Join(", ", missing)})");
    }

    /// <summary>Pre-consumes later copies of an identity so it can satisfy only one leaf.</summary>
    private static void MarkRepeats(ReadOnlySpan<IIdentity> identities, Span<bool> used)
    {
        for (var i = 1; i < identities.Length; i++)
        {
            used[i] = SignatureSetValidator.IndexOf(identities[..i], identities[i].Serialized.Span) >= 0;
        }
    }

    private static SignatureRuleNode? CompileRule(SignaturePolicy? rule, SignaturePolicyEnvelope envelope, ref string? error)
    {
        switch (rule?.TypeCase)
        {
            case SignaturePolicy.TypeOneofCase.SignedBy:
                if (rule.SignedBy < 0 || rule.SignedBy >= envelope.Identities.Count)
                {
                    error = string.Create(
                        CultureInfo.InvariantCulture,
                        $"identity index out of range, requested {rule.SignedBy}, but identities length is {envelope.Identities.Count}");
                    return null;
                }

                return new SignedByNode(envelope.Identities[rule.SignedBy]);
            case SignaturePolicy.TypeOneofCase.NOutOf:
                var children = new SignatureRuleNode[rule.NOutOf.Rules.Count];
                for (var i = 0; i < children.Length; i++)
                {
                    var child = CompileRule(rule.NOutOf.Rules[i], envelope, ref error);
                    if (child is null)
                    {
                        return null;
                    }

                    children[i] = child;
                }

                return new OutOfNode(rule.NOutOf.N, children);
            default:
                error = "empty policy element";
                return null;
        }
    }
}
