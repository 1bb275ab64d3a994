using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.Channels.Crypto;

/// <summary>Fabric's <c>protoutil.CreateSignedEnvelope</c>: a payload of the given type for a channel, its signature
/// header naming the signer with a fresh nonce, signed over the payload bytes. Used for deliver seeks and config updates by every client and node.</summary>
public static class SignedEnvelope
{
    public static Envelope Create(HeaderType type, string channelId, SigningIdentity signer, IMessage data, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(data);
        ByteString payload = new Payload
        {
            Header = new Header
            {
                ChannelHeader = new ChannelHeader
                {
                    Type = (int)type,
                    ChannelId = channelId,
                    Timestamp = Timestamp.FromDateTimeOffset(now),
                }.ToByteString(),
                SignatureHeader = NewSignatureHeader(signer).ToByteString(),
            },
            Data = data.ToByteString(),
        }.ToByteString();
        return new Envelope { Payload = payload, Signature = ByteString.CopyFrom(signer.Sign(payload.Span)) };
    }

    public static SignatureHeader NewSignatureHeader(SigningIdentity signer) => new()
    {
        Creator = ByteString.CopyFrom(signer.Serialize()),
        Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(24)),
    };
}
