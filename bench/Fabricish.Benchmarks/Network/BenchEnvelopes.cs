using System.Buffers.Binary;
using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.Benchmarks.Network;

/// <summary>
/// Signed endorser-transaction envelopes as clients build them, with a data field sized so that payload plus
/// signature come to about <see cref="DefaultEnvelopeBytes"/>. The first 8 data bytes carry a sequence number so the
/// harness can find an envelope's broadcast time again when it shows up in a block, without a txid map.
/// </summary>
public static class BenchEnvelopes
{
    public const int DefaultEnvelopeBytes = 1024;

    /// <summary>Headers (channel header, signature header with a PEM certificate) and the DER signature take
    /// roughly this much; measured once per identity by <see cref="DataBytesFor"/>.</summary>
    public static int DataBytesFor(SigningIdentity creator, string channelId, int envelopeBytes)
    {
        ArgumentNullException.ThrowIfNull(creator);
        Envelope probe = Signed(creator, channelId, 0, 8);
        int overhead = (int)(probe.Payload.Length + probe.Signature.Length) - 8;
        return Math.Max(8, envelopeBytes - overhead);
    }

    public static Envelope Signed(SigningIdentity creator, string channelId, long sequence, int dataBytes)
    {
        ArgumentNullException.ThrowIfNull(creator);
        byte[] data = new byte[Math.Max(8, dataBytes)];
        BinaryPrimitives.WriteInt64LittleEndian(data, sequence);
        byte[] nonce = RandomNumberGenerator.GetBytes(24);
        var payload = new Payload
        {
            Header = new Header
            {
                ChannelHeader = new ChannelHeader
                {
                    Type = (int)HeaderType.EndorserTransaction,
                    ChannelId = channelId,
                    TxId = Convert.ToHexStringLower(SHA256.HashData(nonce)),
                    Timestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
                }.ToByteString(),
                SignatureHeader = new SignatureHeader
                {
                    Creator = ByteString.CopyFrom(creator.Serialize()),
                    Nonce = ByteString.CopyFrom(nonce),
                }.ToByteString(),
            },
            Data = ByteString.CopyFrom(data),
        }.ToByteString();
        return new Envelope { Payload = payload, Signature = ByteString.CopyFrom(creator.Sign(payload.Span)) };
    }

    /// <summary>The sequence number <see cref="Signed"/> put into an envelope's data, or -1 for anything else
    /// (e.g. a block's config envelope).</summary>
    public static long SequenceOf(ByteString envelopeBytes)
    {
        ArgumentNullException.ThrowIfNull(envelopeBytes);
        try
        {
            Payload payload = Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(envelopeBytes).Payload);
            return payload.Data.Length >= 8 ? BinaryPrimitives.ReadInt64LittleEndian(payload.Data.Span) : -1;
        }
        catch (InvalidProtocolBufferException)
        {
            return -1;
        }
    }
}
