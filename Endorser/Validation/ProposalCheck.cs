using Fabricish.Protos.Peer;

namespace Fabricish.Endorser.Validation;

/// <summary>The outcome of <see cref="ProposalValidator.Validate"/>: the unpacked proposal and its channel, or the
/// response that rejects it.</summary>
public sealed record ProposalCheck(UnpackedProposal? Proposal, EndorserChannel? Channel, ProposalResponse? Rejection)
{
    public bool IsValid => Rejection is null;

    internal static ProposalCheck Reject(string message) => new(null, null, ProposalResponses.Error(message));
}
