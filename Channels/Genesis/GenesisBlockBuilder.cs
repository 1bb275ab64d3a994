using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Fabricish.Channels.Blocks;
using Fabricish.Channels.Config;
using Fabricish.Protos.Common;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.Channels.Genesis;

/// <summary>
/// Block 0 of an application channel as Fabric's <c>common/genesis</c> factory makes it: one unsigned CONFIG envelope
/// (channel header version 1, epoch 0, whole-second timestamp, creator-less signature header with a 24-byte nonce,
/// tx id = hex SHA-256(nonce ‖ creator)) carrying ConfigEnvelope{config{sequence 0, channel_group}}, no previous hash,
/// and metadata where SIGNATURES holds OrdererBlockMetadata{last_config 0} and LAST_CONFIG holds LastConfig{0}.
/// </summary>
public static partial class GenesisBlockBuilder
{
    /// <summary>Fabric's genesis factory stamps its envelope with message version 1.</summary>
    public const int MessageVersion = 1;

    /// <summary>Fabric's <c>crypto.NonceSize</c>.</summary>
    public const int NonceSize = 24;

    /// <summary>Fabric's limit on channel names (<c>configtx.ValidateChannelID</c>).</summary>
    public const int MaxChannelIdLength = 249;

    public static ConfigResult<Block> Build(string channelId, ConfigGroup channelGroup) =>
        Build(channelId, channelGroup, DateTimeOffset.UtcNow, RandomNumberGenerator.GetBytes(NonceSize));

    /// <summary>Deterministic form: the caller supplies the time and nonce (tests, reproducible builds).</summary>
    public static ConfigResult<Block> Build(string channelId, ConfigGroup channelGroup, DateTimeOffset timestamp, ReadOnlySpan<byte> nonce)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        ArgumentNullException.ThrowIfNull(channelGroup);
        string? invalid = ValidateChannelId(channelId);
        if (invalid is not null)
        {
            return ConfigResult<Block>.Fail(invalid);
        }

        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.Config,
            Version = MessageVersion,
            Timestamp = new Timestamp { Seconds = timestamp.ToUnixTimeSeconds(), Nanos = 0 },
            ChannelId = channelId,
            Epoch = 0,
            TxId = Convert.ToHexStringLower(SHA256.HashData(nonce)),
        };
        var signatureHeader = new SignatureHeader { Nonce = ByteString.CopyFrom(nonce) };
        var payload = new Payload
        {
            Header = new Header
            {
                ChannelHeader = channelHeader.ToByteString(),
                SignatureHeader = signatureHeader.ToByteString(),
            },
            Data = new ConfigEnvelope { Config = new Protos.Common.Config { Sequence = 0, ChannelGroup = channelGroup } }.ToByteString(),
        };
        var envelope = new Envelope { Payload = payload.ToByteString() };

        var block = new Block
        {
            Header = new BlockHeader { Number = 0 },
            Data = new BlockData(),
            Metadata = new BlockMetadata(),
        };
        block.Data.Data.Add(envelope.ToByteString());
        block.Header.DataHash = ByteString.CopyFrom(BlockHashing.DataHash(block.Data));

        // protoutil.NewBlock leaves one empty entry per BlockMetadataIndex.
        int entries = System.Enum.GetValues<BlockMetadataIndex>().Length;
        for (int i = 0; i < entries; i++)
        {
            block.Metadata.Metadata.Add(ByteString.Empty);
        }

        block.Metadata.Metadata[(int)BlockMetadataIndex.Signatures] = new Metadata
        {
            Value = new OrdererBlockMetadata { LastConfig = new LastConfig { Index = 0 } }.ToByteString(),
        }.ToByteString();
        block.Metadata.Metadata[(int)BlockMetadataIndex.LastConfig] = new Metadata
        {
            Value = new LastConfig { Index = 0 }.ToByteString(),
        }.ToByteString();
        return ConfigResult<Block>.Ok(block);
    }

    /// <summary>Fabric's rule: lowercase letters, digits, dots and dashes, starting with a letter, under 250 characters.</summary>
    public static string? ValidateChannelId(string channelId)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        if (channelId.Length == 0)
        {
            return "channel name is empty";
        }

        if (channelId.Length > MaxChannelIdLength)
        {
            return $"channel name '{channelId}' is {channelId.Length} characters long, the limit is {MaxChannelIdLength}";
        }

        return ChannelIdPattern().IsMatch(channelId)
            ? null
            : $"channel name '{channelId}' contains illegal characters: it must start with a lowercase letter and contain only a-z, 0-9, '.' and '-'";
    }

    [GeneratedRegex("^[a-z][a-z0-9.-]*$")]
    private static partial Regex ChannelIdPattern();
}
