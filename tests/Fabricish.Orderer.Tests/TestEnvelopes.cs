using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Testing;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.Orderer.Tests;

/// <summary>Envelopes as clients build them: payload with channel and signature headers, signed by the creator.</summary>
internal static class TestEnvelopes
{
    public static Payload Payload(SigningIdentity? creator, string channelId, HeaderType type, ByteString data)
    {
        byte[] nonce = RandomNumberGenerator.GetBytes(24);
        return new Payload
        {
            Header = new Header
            {
                ChannelHeader = new ChannelHeader
                {
                    Type = (int)type,
                    ChannelId = channelId,
                    TxId = Convert.ToHexStringLower(SHA256.HashData(nonce)),
                    Timestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
                }.ToByteString(),
                SignatureHeader = new SignatureHeader
                {
                    Creator = creator is null ? ByteString.Empty : ByteString.CopyFrom(creator.Serialize()),
                    Nonce = ByteString.CopyFrom(nonce),
                }.ToByteString(),
            },
            Data = data,
        };
    }

    public static Envelope Signed(SigningIdentity creator, string channelId = TestNetwork.ChannelId, HeaderType type = HeaderType.EndorserTransaction, ByteString? data = null)
    {
        ByteString payload = Payload(creator, channelId, type, data ?? ByteString.CopyFromUtf8("proposal response payload")).ToByteString();
        return new Envelope { Payload = payload, Signature = ByteString.CopyFrom(creator.Sign(payload.Span)) };
    }

    /// <summary>An envelope of the given sizes, for the block cutter, which looks at nothing else.</summary>
    public static Envelope OfSize(int payloadBytes, int signatureBytes = 0, byte tag = 0) => new()
    {
        Payload = ByteString.CopyFrom(Enumerable.Repeat(tag, payloadBytes).ToArray()),
        Signature = ByteString.CopyFrom(new byte[signatureBytes]),
    };
}
