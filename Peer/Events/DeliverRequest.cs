using Fabricish.Channels.Policies;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Peer.Events;

/// <summary>A DELIVER_SEEK_INFO envelope taken apart as Fabric's deliver handler does before looking at the channel:
/// payload, channel header with a timestamp inside the time window, and signature header.</summary>
internal sealed class DeliverRequest
{
    private DeliverRequest(Envelope envelope, Payload payload, ChannelHeader channelHeader, SignatureHeader signatureHeader)
    {
        Payload = payload;
        ChannelHeader = channelHeader;
        SignedData = new SignedData(envelope.Payload.Memory, signatureHeader.Creator.Memory, envelope.Signature.Memory);
    }

    public Payload Payload { get; }

    public ChannelHeader ChannelHeader { get; }

    /// <summary>The envelope as the Readers policy weighs it (Fabric's <c>protoutil.EnvelopeAsSignedData</c>).</summary>
    public SignedData SignedData { get; }

    /// <returns>The request, or null with the reason for a BAD_REQUEST.</returns>
    public static DeliverRequest? Parse(Envelope envelope, DateTimeOffset now, TimeSpan timeWindow, out string? error)
    {
        Payload payload;
        ChannelHeader channelHeader;
        SignatureHeader signatureHeader;
        try
        {
            payload = Payload.Parser.ParseFrom(envelope.Payload);
            if (payload.Header is null)
            {
                error = "envelope has no header";
                return null;
            }

            channelHeader = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
            signatureHeader = SignatureHeader.Parser.ParseFrom(payload.Header.SignatureHeader);
        }
        catch (InvalidProtocolBufferException e)
        {
            error = $"malformed envelope: {e.Message}";
            return null;
        }

        if (channelHeader.Timestamp is null)
        {
            error = "channel header in envelope must contain timestamp";
            return null;
        }

        DateTimeOffset sent = channelHeader.Timestamp.ToDateTimeOffset();
        if ((now - sent).Duration() > timeWindow)
        {
            error = $"envelope timestamp {sent:O} is more than {timeWindow} apart from current server time {now:O}";
            return null;
        }

        error = null;
        return new DeliverRequest(envelope, payload, channelHeader, signatureHeader);
    }
}
