namespace Fabricish.Committer.Validation;

/// <summary>Whether the endorsements satisfy namespace <paramref name="Namespace"/>'s chaincode endorsement policy;
/// <paramref name="Failure"/> says why not, null when they do.</summary>
public sealed record ChaincodePolicyOutcome(string Namespace, string? Failure)
{
    public bool Satisfied => Failure is null;
}
