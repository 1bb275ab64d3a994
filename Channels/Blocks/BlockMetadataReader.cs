using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Channels.Blocks;

/// <summary>Reads what an orderer left in a block's metadata (Fabric's <c>protoutil</c> getters).</summary>
public static class BlockMetadataReader
{
    /// <summary>The <c>common.Metadata</c> stored at <paramref name="index"/>, or null when absent or malformed.</summary>
    public static Metadata? TryGetMetadata(Block block, BlockMetadataIndex index)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Metadata is null || block.Metadata.Metadata.Count <= (int)index)
        {
            return null;
        }

        try
        {
            return Metadata.Parser.ParseFrom(block.Metadata.Metadata[(int)index]);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    /// <summary>
    /// The last config block number as v2.5's <c>GetLastConfigIndexFromBlock</c> finds it: from the
    /// OrdererBlockMetadata in SIGNATURES, falling back to LAST_CONFIG for blocks of pre-1.4.1 orderers.
    /// </summary>
    public static ulong? TryGetLastConfigIndex(Block block)
    {
        Metadata? signatures = TryGetMetadata(block, BlockMetadataIndex.Signatures);
        try
        {
            if (signatures is not null && !signatures.Value.IsEmpty)
            {
                return OrdererBlockMetadata.Parser.ParseFrom(signatures.Value).LastConfig?.Index;
            }

            Metadata? lastConfig = TryGetMetadata(block, BlockMetadataIndex.LastConfig);
            return lastConfig is null ? null : LastConfig.Parser.ParseFrom(lastConfig.Value).Index;
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    /// <summary>
    /// The consenter's own metadata (for Kafka, KafkaMetadata bytes) recorded in the block's OrdererBlockMetadata,
    /// unwrapped from the <c>common.Metadata</c> the block writer puts around it; empty when there is none.
    /// </summary>
    public static ByteString ConsenterMetadata(Block block)
    {
        Metadata? signatures = TryGetMetadata(block, BlockMetadataIndex.Signatures);
        if (signatures is null || signatures.Value.IsEmpty)
        {
            return ByteString.Empty;
        }

        try
        {
            ByteString wrapped = OrdererBlockMetadata.Parser.ParseFrom(signatures.Value).ConsenterMetadata;
            return wrapped.IsEmpty ? ByteString.Empty : Metadata.Parser.ParseFrom(wrapped).Value;
        }
        catch (InvalidProtocolBufferException)
        {
            return ByteString.Empty;
        }
    }
}
