using Fabricish.Channels.Msp;

namespace Fabricish.Channels.Policies;

/// <summary>A compiled element of a signature policy's rule tree.</summary>
internal abstract class SignatureRuleNode
{
    /// <summary>The element in DSL syntax with unquoted principals, for failure reasons.</summary>
    public abstract string Text { get; }

    /// <summary>Gate nesting below this node; sizes the scratch flags evaluation needs.</summary>
    public abstract int Depth { get; }

    /// <summary>
    /// Fabric cauthdsl semantics: <paramref name="used"/> marks identities already consumed by another
    /// leaf. <paramref name="scratch"/> holds <see cref="Depth"/> × identity-count flags for gates below.
    /// </summary>
    public abstract bool Evaluate(ReadOnlySpan<IIdentity> identities, Span<bool> used, Span<bool> scratch);
}
