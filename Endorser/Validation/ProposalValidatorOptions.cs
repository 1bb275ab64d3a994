namespace Fabricish.Endorser.Validation;

public sealed record ProposalValidatorOptions
{
    /// <summary>How far a proposal's timestamp may be from the peer's clock, either way. Fabric's endorser does not
    /// check it; bounding it keeps very old signed proposals from being replayed for endorsement.</summary>
    public TimeSpan TimestampSkew { get; init; } = TimeSpan.FromMinutes(15);
}
