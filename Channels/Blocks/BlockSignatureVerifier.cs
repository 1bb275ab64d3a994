using Fabricish.Channels.Config;
using Fabricish.Channels.Policies;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Channels.Blocks;

/// <summary>
/// Checks a block with nothing but the channel configuration, as a v2.5 peer's <c>MSPMessageCryptoService.VerifyBlock</c>
/// does: the block names this channel, its data hash matches its data, and the signatures in its SIGNATURES metadata,
/// each over value ‖ signature header ‖ ASN.1 header bytes, satisfy <c>/Channel/Orderer/BlockValidation</c>.
/// </summary>
public sealed class BlockSignatureVerifier
{
    private readonly string _channelId;
    private readonly IPolicy _policy;

    public BlockSignatureVerifier(string channelId, PolicyManager policies)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        ArgumentNullException.ThrowIfNull(policies);
        _channelId = channelId;
        _policy = policies.GetPolicy(PolicyManager.BlockValidation);
    }

    public BlockSignatureVerifier(ChannelConfig config)
        : this((config ?? throw new ArgumentNullException(nameof(config))).ChannelId, config.Policies)
    {
    }

    /// <summary>The bytes an orderer signs for a block: metadata value ‖ signature header ‖ ASN.1 header bytes.</summary>
    public static byte[] SignedBytes(ReadOnlySpan<byte> metadataValue, ReadOnlySpan<byte> signatureHeader, BlockHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return Concat(metadataValue, signatureHeader, BlockHashing.HeaderBytes(header));
    }

    /// <param name="expectedNumber">The block number the caller asked for, when it knows it (deliver clients do).</param>
    public BlockVerificationResult Verify(Block block, ulong? expectedNumber = null) => Verify(block, expectedNumber, [], dataHashKnown: false);

    /// <summary>As <see cref="Verify(Block, ulong?)"/> for a caller that has already hashed the block's data (a committing
    /// peer checks the data hash before anything else): the header's data hash is compared with
    /// <paramref name="dataHash"/> instead of hashing the data again, which for a block of a hundred transactions is
    /// hundreds of kilobytes.</summary>
    /// <param name="dataHash">SHA-256 of <paramref name="block"/>'s data (<see cref="BlockHashing.DataHash"/>).</param>
    public BlockVerificationResult Verify(Block block, ReadOnlySpan<byte> dataHash, ulong? expectedNumber = null) =>
        Verify(block, expectedNumber, dataHash, dataHashKnown: true);

    private BlockVerificationResult Verify(Block block, ulong? expectedNumber, ReadOnlySpan<byte> dataHash, bool dataHashKnown)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Header is null)
        {
            return BlockVerificationResult.Invalid($"Invalid Block on channel [{_channelId}]. Header must be different from nil.");
        }

        ulong number = block.Header.Number;
        if (expectedNumber is { } expected && expected != number)
        {
            return BlockVerificationResult.Invalid($"Claimed seqNum is [{expected}] but actual seqNum inside block is [{number}]");
        }

        string? channelId = ChannelIdOf(block, out string? channelError);
        if (channelId is null)
        {
            return BlockVerificationResult.Invalid($"Failed getting channel id from block with id [{number}] on channel [{_channelId}]: {channelError}");
        }

        if (channelId != _channelId)
        {
            return BlockVerificationResult.Invalid($"Invalid block's channel id. Expected [{_channelId}]. Given [{channelId}]");
        }

        if (block.Metadata is null || block.Metadata.Metadata.Count == 0)
        {
            return BlockVerificationResult.Invalid($"Block with id [{number}] on channel [{_channelId}] does not have metadata. Block not valid.");
        }

        Metadata metadata;
        try
        {
            metadata = block.Metadata.Metadata.Count > (int)BlockMetadataIndex.Signatures
                ? Metadata.Parser.ParseFrom(block.Metadata.Metadata[(int)BlockMetadataIndex.Signatures])
                : new Metadata();
        }
        catch (InvalidProtocolBufferException e)
        {
            return BlockVerificationResult.Invalid($"Failed unmarshalling medatata for signatures [{e.Message}]");
        }

        if (block.Data is null || !block.Header.DataHash.Span.SequenceEqual(dataHashKnown ? dataHash : BlockHashing.DataHash(block.Data)))
        {
            return BlockVerificationResult.Invalid($"Header.DataHash is different from Hash(block.Data) for block with id [{number}] on channel [{_channelId}]");
        }

        byte[] headerBytes = BlockHashing.HeaderBytes(block.Header);
        var signatures = new List<SignedData>(metadata.Signatures.Count);
        foreach (MetadataSignature signature in metadata.Signatures)
        {
            SignatureHeader header;
            try
            {
                header = SignatureHeader.Parser.ParseFrom(signature.SignatureHeader);
            }
            catch (InvalidProtocolBufferException)
            {
                return BlockVerificationResult.Invalid($"Failed unmarshalling signature header for block with id [{number}] on channel [{_channelId}]");
            }

            signatures.Add(new SignedData(Concat(metadata.Value.Span, signature.SignatureHeader.Span, headerBytes), header.Creator.Memory, signature.Signature.Memory));
        }

        PolicyResult result = _policy.Evaluate(signatures);
        return result.Satisfied
            ? BlockVerificationResult.Valid
            : BlockVerificationResult.Invalid($"block [{number}] on channel [{_channelId}] failed {PolicyManager.BlockValidation}: {result.Reason}");
    }

    private static byte[] Concat(ReadOnlySpan<byte> value, ReadOnlySpan<byte> signatureHeader, byte[] headerBytes)
    {
        byte[] signed = new byte[value.Length + signatureHeader.Length + headerBytes.Length];
        value.CopyTo(signed);
        signatureHeader.CopyTo(signed.AsSpan(value.Length));
        headerBytes.CopyTo(signed.AsSpan(value.Length + signatureHeader.Length));
        return signed;
    }

    /// <summary>The channel named by the block's first envelope (Fabric's <c>GetChannelIDFromBlock</c>).</summary>
    private static string? ChannelIdOf(Block block, out string? error)
    {
        if (block.Data is null || block.Data.Data.Count == 0)
        {
            error = "block has no envelopes";
            return null;
        }

        try
        {
            Envelope envelope = Envelope.Parser.ParseFrom(block.Data.Data[0]);
            Payload payload = Payload.Parser.ParseFrom(envelope.Payload);
            if (payload.Header is null)
            {
                error = "failed to retrieve payload from envelope: payload header is nil";
                return null;
            }

            error = null;
            return ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader).ChannelId;
        }
        catch (InvalidProtocolBufferException e)
        {
            error = e.Message;
            return null;
        }
    }
}
