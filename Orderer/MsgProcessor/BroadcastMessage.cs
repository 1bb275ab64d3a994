using Fabricish.Channels.Policies;
using Fabricish.Protos;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Orderer.MsgProcessor;

/// <summary>
/// A broadcast envelope with its payload header read once, for the handler and every filter to share. The creator and
/// the payload data are slices of the envelope's own bytes (no copy) when the payload is plainly encoded; otherwise
/// the generated parser reads it, so malformed or unusually encoded payloads get exactly its verdict. Read failures
/// are kept as Fabric words them and reported by whichever check needs the part that failed.
/// </summary>
public sealed class BroadcastMessage
{
    private const string SignedDataPrefix = "could not convert message to signedData: ";

    private BroadcastMessage(Envelope envelope) => Envelope = envelope;

    public Envelope Envelope { get; }

    /// <summary>Null when the payload, its header or the channel header could not be read; see <see cref="ChannelHeaderError"/>.</summary>
    public ChannelHeader? ChannelHeader { get; private set; }

    /// <summary>Why there is no channel header, worded as Fabric's <c>protoutil.ChannelHeader</c>.</summary>
    public string? ChannelHeaderError { get; private set; }

    /// <summary>The serialized identity in the signature header.</summary>
    public ReadOnlyMemory<byte> Creator { get; private set; }

    /// <summary>Why the envelope cannot be weighed as signed data, worded as Fabric's <c>EnvelopeAsSignedData</c>.</summary>
    public string? SignedDataError { get; private set; }

    /// <summary>The payload's data field (a ConfigUpdateEnvelope for CONFIG_UPDATE messages).</summary>
    public ReadOnlyMemory<byte> Data { get; private set; }

    /// <summary>The payload bytes signed by the creator, as signature policies weigh them.</summary>
    public SignedData SignedData => new(Envelope.Payload.Memory, Creator, Envelope.Signature.Memory);

    public static BroadcastMessage Parse(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var message = new BroadcastMessage(envelope);
        ReadOnlyMemory<byte> payload = envelope.Payload.Memory;
        if (Slices(payload.Span) is { } slices)
        {
            message.Data = payload[slices.Data];
            if (slices.Header is not { } header)
            {
                message.MissingHeader();
            }
            else
            {
                message.ReadHeader(payload[header.ChannelHeader], payload[header.SignatureHeader]);
            }

            return message;
        }

        Payload parsed;
        try
        {
            parsed = Payload.Parser.ParseFrom(payload.Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            message.ChannelHeaderError = $"error unmarshalling Payload: {e.Message}";
            message.SignedDataError = SignedDataPrefix + e.Message;
            return message;
        }

        message.Data = parsed.Data.Memory;
        if (parsed.Header is null)
        {
            message.MissingHeader();
        }
        else
        {
            message.ReadHeader(parsed.Header.ChannelHeader.Memory, parsed.Header.SignatureHeader.Memory);
        }

        return message;
    }

    private void MissingHeader()
    {
        ChannelHeaderError = "header not set";
        SignedDataError = SignedDataPrefix + "Missing Header";
    }

    private void ReadHeader(ReadOnlyMemory<byte> channelHeader, ReadOnlyMemory<byte> signatureHeader)
    {
        if (channelHeader.IsEmpty)
        {
            ChannelHeaderError = "channel header not set";
        }
        else
        {
            try
            {
                ChannelHeader = ChannelHeader.Parser.ParseFrom(channelHeader.Span);
            }
            catch (InvalidProtocolBufferException e)
            {
                ChannelHeaderError = $"error unmarshalling channel header: {e.Message}";
            }
        }

        if (CreatorSlice(signatureHeader.Span) is { } creator)
        {
            Creator = signatureHeader[creator];
            return;
        }

        try
        {
            Creator = SignatureHeader.Parser.ParseFrom(signatureHeader.Span).Creator.Memory;
        }
        catch (InvalidProtocolBufferException e)
        {
            SignedDataError = $"{SignedDataPrefix}GetSignatureHeaderFromBytes failed, err {e.Message}";
        }
    }

    /// <summary>The payload's header fields and data as ranges of the payload; null when only the generated parser
    /// can say what the payload holds (malformed bytes, or a header split over several fields, which protobuf merges).</summary>
    private static ((Range ChannelHeader, Range SignatureHeader)? Header, Range Data)? Slices(ReadOnlySpan<byte> payload)
    {
        Range? header = null;
        Range data = default;
        var reader = ProtoWire.RefusingGroups(payload);
        while (reader.Next())
        {
            if (reader.Field is not (1 or 2))
            {
                continue;
            }

            if (!reader.IsLengthDelimited || (reader.Field == 1 && header is not null))
            {
                return null;
            }

            if (reader.Field == 1)
            {
                header = reader.ValueRange;
            }
            else
            {
                data = reader.ValueRange;
            }
        }

        if (reader.Malformed)
        {
            return null;
        }

        if (header is not { } headerRange)
        {
            return (null, data);
        }

        int offset = headerRange.Start.Value;
        Range channelHeader = default;
        Range signatureHeader = default;
        var fields = ProtoWire.RefusingGroups(payload[headerRange]);
        while (fields.Next())
        {
            if (fields.Field is not (1 or 2))
            {
                continue;
            }

            if (!fields.IsLengthDelimited)
            {
                return null;
            }

            // Bytes fields: the last occurrence wins, as in every protobuf parser.
            Range value = new(offset + fields.ValueRange.Start.Value, offset + fields.ValueRange.End.Value);
            if (fields.Field == 1)
            {
                channelHeader = value;
            }
            else
            {
                signatureHeader = value;
            }
        }

        return fields.Malformed ? null : ((channelHeader, signatureHeader), data);
    }

    /// <summary>The creator field of a signature header as a range of it; null when it must be parsed in full.</summary>
    private static Range? CreatorSlice(ReadOnlySpan<byte> signatureHeader)
    {
        Range creator = default;
        var reader = ProtoWire.RefusingGroups(signatureHeader);
        while (reader.Next())
        {
            if (reader.Field is 1 or 2 && !reader.IsLengthDelimited)
            {
                return null;
            }

            if (reader.Field == 1)
            {
                creator = reader.ValueRange;
            }
        }

        return reader.Malformed ? null : creator;
    }
}
