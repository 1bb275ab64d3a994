using Fabricish.Channels.Msp;
using Fabricish.Channels.Policies;

namespace Fabricish.Peer.Lifecycle;

/// <summary>A definition's endorsement policy that cannot be used (does not parse or compile): as in Fabric, every
/// transaction of that chaincode fails its endorsement policy instead of the channel halting.</summary>
internal sealed class RefusingPolicy(string path, string reason) : IPolicy
{
    public string Path { get; } = path;

    public string Description => "unusable: " + reason;

    public PolicyResult Evaluate(IReadOnlyList<SignedData> signatures) => PolicyResult.NotSatisfied($"policy {Path} cannot be evaluated: {reason}");

    public PolicyResult EvaluateIdentities(IReadOnlyList<IIdentity> identities) => Evaluate([]);
}
