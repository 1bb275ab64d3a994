using Fabricish.Channels.Msp;

namespace Fabricish.Channels.Policies;

/// <summary>
/// Stands in for a policy that does not exist, rejecting everything (Fabric's <c>rejectPolicy</c>):
/// returned for unknown paths and used where an implicit-meta policy's child group lacks the sub-policy.
/// </summary>
internal sealed class MissingPolicy(string path) : EvaluablePolicy(path, "no such policy", deserializer: null)
{
    protected override string Headline => $"no such policy {Path}";

    internal override bool IsSatisfied(ReadOnlySpan<IIdentity> identities, bool deduplicated) => false;

    internal override string Explain(ReadOnlySpan<IIdentity> identities, bool deduplicated) => "not defined in the channel configuration";
}
