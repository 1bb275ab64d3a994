using Fabricish.Channels.Msp;

namespace Fabricish.Committer.Validation;

/// <summary>What <see cref="BlockPrecheck"/> found out about one transaction ahead of its block's turn: the envelope
/// check that came out VALID, with the creator whose signature it verified, and for each endorsement (by its index)
/// the endorser whose signature over ProposalResponsePayload ‖ endorser verified, null when it did not or was skipped.
/// An ECDSA outcome depends only on the bytes, so the in-order check takes a verification from here only for the very
/// identity object it resolves itself under the channel's current configuration.</summary>
internal sealed record PrecheckedTransaction(EnvelopeCheck Envelope, IIdentity?[] Endorsers);
