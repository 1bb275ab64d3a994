using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Orderer.Broadcast;

/// <summary>Best-effort reads of an envelope's channel header, for log scopes; validation happens elsewhere.</summary>
internal static class EnvelopeHeaders
{
    public static ChannelHeader? TryChannelHeader(Envelope envelope)
    {
        try
        {
            Payload payload = Payload.Parser.ParseFrom(envelope.Payload);
            return payload.Header is null ? null : ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
