using Fabricish.Channels.Msp;
using Fabricish.Channels.Policies;

namespace Fabricish.Committer.Validation;

/// <summary>Stands in for a chaincode policy that cannot be compiled against the channel's MSPs: as in Fabric, every
/// transaction of that chaincode then fails its endorsement policy instead of halting the channel.</summary>
internal sealed class UnsatisfiablePolicy(string path, string reason) : IPolicy
{
    public string Path { get; } = path;

    public string Description => "unsatisfiable: " + reason;

    public PolicyResult Evaluate(IReadOnlyList<SignedData> signatures) => PolicyResult.NotSatisfied($"policy {Path} cannot be evaluated: {reason}");

    public PolicyResult EvaluateIdentities(IReadOnlyList<IIdentity> identities) => Evaluate([]);
}
