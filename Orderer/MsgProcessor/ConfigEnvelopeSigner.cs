using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.Orderer.MsgProcessor;

/// <summary>Wraps a computed configuration as the CONFIG envelope the orderer orders (Fabric's
/// <c>protoutil.CreateSignedEnvelope</c> with message version 0 and epoch 0): no transaction ID, a timestamp in whole
/// seconds, and the orderer as creator and signer.</summary>
internal static class ConfigEnvelopeSigner
{
    public const int NonceSize = 24;

    public static Envelope Sign(string channelId, ConfigEnvelope config, SigningIdentity signer, TimeProvider time)
    {
        var payload = new Payload
        {
            Header = new Header
            {
                ChannelHeader = new ChannelHeader
                {
                    Type = (int)HeaderType.Config,
                    ChannelId = channelId,
                    Timestamp = new Timestamp { Seconds = time.GetUtcNow().ToUnixTimeSeconds() },
                }.ToByteString(),
                SignatureHeader = new SignatureHeader
                {
                    Creator = UnsafeByteOperations.UnsafeWrap(signer.Serialize()),
                    Nonce = UnsafeByteOperations.UnsafeWrap(RandomNumberGenerator.GetBytes(NonceSize)),
                }.ToByteString(),
            },
            Data = config.ToByteString(),
        }.ToByteString();
        return new Envelope { Payload = payload, Signature = UnsafeByteOperations.UnsafeWrap(signer.Sign(payload.Span)) };
    }
}
