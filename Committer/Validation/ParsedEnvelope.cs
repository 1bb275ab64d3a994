using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;

namespace Fabricish.Committer.Validation;

/// <summary>The parts of an envelope that <see cref="EnvelopeValidator"/> had to parse anyway, handed on to the
/// endorsement checks. The endorser-transaction parts are set only for ENDORSER_TRANSACTION envelopes.</summary>
internal sealed class ParsedEnvelope
{
    public required Payload Payload { get; init; }

    public required ChannelHeader ChannelHeader { get; init; }

    public required SignatureHeader SignatureHeader { get; init; }

    /// <summary>The creator whose signature over the payload verified; null until it did.</summary>
    public IIdentity? Creator { get; set; }

    public ChaincodeActionPayload? ActionPayload { get; init; }

    public ProposalResponsePayload? ResponsePayload { get; init; }
}
