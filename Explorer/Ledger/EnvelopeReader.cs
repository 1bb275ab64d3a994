using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Explorer.Ledger;

/// <summary>Tolerant parsing of a block's envelopes: a malformed one (the peer marks it BAD_PAYLOAD and the like) is
/// shown as such, never a failed page.</summary>
public static class EnvelopeReader
{
    public static Payload? TryPayload(ByteString envelopeBytes)
    {
        try
        {
            Envelope envelope = Envelope.Parser.ParseFrom(envelopeBytes);
            return Payload.Parser.ParseFrom(envelope.Payload);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    public static ChannelHeader? TryChannelHeader(ByteString envelopeBytes) =>
        TryPayload(envelopeBytes)?.Header is { } header ? TryParse(ChannelHeader.Parser, header.ChannelHeader) : null;

    public static T? TryParse<T>(MessageParser<T> parser, ByteString bytes)
        where T : class, IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(parser);
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
