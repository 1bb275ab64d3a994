using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Cli.Channel;

/// <summary>
/// CONFIG_UPDATE envelopes as Fabric's tools pass them between admins: configtxlator's unsigned wrapper around a
/// ConfigUpdate, and the peer CLI's <c>sanityCheckAndSignConfigTx</c>, which appends the caller's ConfigSignature
/// (over signature header ‖ config update bytes) and re-wraps the result in an envelope the caller signs.
/// </summary>
internal static class ConfigTx
{
    /// <summary>The envelope the add-org tutorial builds by hand: channel header only, no signatures yet.</summary>
    public static Envelope Unsigned(ConfigUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var payload = new Payload
        {
            Header = new Header
            {
                ChannelHeader = new ChannelHeader { Type = (int)HeaderType.ConfigUpdate, ChannelId = update.ChannelId }.ToByteString(),
            },
            Data = new ConfigUpdateEnvelope { ConfigUpdate = update.ToByteString() }.ToByteString(),
        };
        return new Envelope { Payload = payload.ToByteString() };
    }

    /// <summary>Reads a CONFIG_UPDATE envelope file and checks it is one, for <paramref name="channelId"/> when given.</summary>
    /// <returns>The channel it is for and its ConfigUpdateEnvelope, or null with <paramref name="error"/>.</returns>
    public static (string ChannelId, ConfigUpdateEnvelope Update)? Read(Envelope envelope, string? channelId, out string? error)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        try
        {
            Payload payload = Payload.Parser.ParseFrom(envelope.Payload);
            if (payload.Header is null || payload.Header.ChannelHeader.IsEmpty)
            {
                error = "bad header: the envelope has no channel header";
                return null;
            }

            ChannelHeader header = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
            if (header.Type != (int)HeaderType.ConfigUpdate)
            {
                error = $"bad type: the envelope is a {(HeaderType)header.Type}, expected CONFIG_UPDATE";
                return null;
            }

            if (header.ChannelId.Length == 0)
            {
                error = "empty channel id in the envelope's channel header";
                return null;
            }

            if (channelId is not null && header.ChannelId != channelId)
            {
                error = $"mismatched channel ID {header.ChannelId} != {channelId}";
                return null;
            }

            ConfigUpdateEnvelope update = ConfigUpdateEnvelope.Parser.ParseFrom(payload.Data);
            ConfigUpdate inner = ConfigUpdate.Parser.ParseFrom(update.ConfigUpdate);
            if (inner.ChannelId != header.ChannelId)
            {
                error = $"the config update is for channel '{inner.ChannelId}' but its envelope for '{header.ChannelId}'";
                return null;
            }

            error = null;
            return (header.ChannelId, update);
        }
        catch (InvalidProtocolBufferException e)
        {
            error = $"not a CONFIG_UPDATE envelope: {e.Message}";
            return null;
        }
    }

    /// <summary>Appends <paramref name="signer"/>'s ConfigSignature and wraps the result in an envelope
    /// <paramref name="signer"/> signs, as <c>peer channel signconfigtx</c> and <c>peer channel update</c> do.</summary>
    public static Envelope SignAndWrap(string channelId, ConfigUpdateEnvelope update, SigningIdentity signer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(signer);
        ConfigUpdateEnvelope signed = update.Clone();
        ByteString header = SignedEnvelope.NewSignatureHeader(signer).ToByteString();
        byte[] signature = signer.Sign([.. header.Span, .. update.ConfigUpdate.Span]);
        signed.Signatures.Add(new ConfigSignature { SignatureHeader = header, Signature = ByteString.CopyFrom(signature) });
        return SignedEnvelope.Create(HeaderType.ConfigUpdate, channelId, signer, signed, now);
    }

    /// <summary>The MSP IDs of those who signed the update, in order, for messages to the operator.</summary>
    public static IReadOnlyList<string> Signers(ConfigUpdateEnvelope update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var signers = new List<string>(update.Signatures.Count);
        foreach (ConfigSignature signature in update.Signatures)
        {
            try
            {
                ByteString creator = SignatureHeader.Parser.ParseFrom(signature.SignatureHeader).Creator;
                signers.Add(Protos.Msp.SerializedIdentity.Parser.ParseFrom(creator).Mspid);
            }
            catch (InvalidProtocolBufferException)
            {
                signers.Add("(unreadable signature header)");
            }
        }

        return signers;
    }
}
