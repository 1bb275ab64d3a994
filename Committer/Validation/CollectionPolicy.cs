using Fabricish.Channels.Policies;

namespace Fabricish.Committer.Validation;

/// <summary>Fabric's CollectionValidationInfo answer for writes to one collection: its own endorsement policy, the
/// chaincode's (no policy and no problem), or a problem that makes the transaction ENDORSEMENT_POLICY_FAILURE (e.g.
/// "no such collection").</summary>
public readonly record struct CollectionPolicy(IPolicy? Policy, string? Problem)
{
    public static CollectionPolicy ChaincodePolicy => default;

    public static CollectionPolicy Of(IPolicy policy) => new(policy, null);

    public static CollectionPolicy Refused(string problem) => new(null, problem);
}
