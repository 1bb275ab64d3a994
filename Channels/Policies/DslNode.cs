using Fabricish.Protos.Msp;

namespace Fabricish.Channels.Policies;

/// <summary>
/// One parsed element of the signature-policy DSL: either a principal or an N-out-of gate. Kept as an
/// intermediate tree because Fabric numbers principals in evaluation order (nested gates first), which
/// is only known once a gate's arguments are all parsed.
/// </summary>
internal sealed class DslNode
{
    private DslNode(MSPPrincipal? principal, int threshold, List<DslNode>? children)
    {
        Principal = principal;
        Threshold = threshold;
        Children = children;
    }

    public MSPPrincipal? Principal { get; }

    public int Threshold { get; }

    public List<DslNode>? Children { get; }

    public static DslNode ForPrincipal(MSPPrincipal principal) => new(principal, 0, null);

    public static DslNode ForGate(int threshold, List<DslNode> children) => new(null, threshold, children);
}
