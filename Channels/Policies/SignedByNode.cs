using Fabricish.Channels.Msp;
using Fabricish.Protos.Msp;

namespace Fabricish.Channels.Policies;

/// <summary>A <c>signed_by</c> leaf: satisfied by the first unused identity matching the principal.</summary>
internal sealed class SignedByNode(MSPPrincipal principal) : SignatureRuleNode
{
    public override string Text { get; } = PolicyFormatter.FormatPrincipal(principal);

    public override int Depth => 0;

    public override bool Evaluate(ReadOnlySpan<IIdentity> identities, Span<bool> used, Span<bool> scratch)
    {
        for (var i = 0; i < identities.Length; i++)
        {
            if (!used[i] && identities[i].SatisfiesPrincipal(principal).Satisfied)
            {
                // Greedy, as Fabric: an identity satisfies at most one leaf, the first to claim it.
                used[i] = true;
                return true;
            }
        }

        return false;
    }
}
