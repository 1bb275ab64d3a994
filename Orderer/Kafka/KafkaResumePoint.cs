using Fabricish.Channels.Blocks;
using Fabricish.Orderer.Blocks;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Google.Protobuf;

namespace Fabricish.Orderer.Kafka;

/// <summary>Where a chain picks its partition up again: the KafkaMetadata the last block recorded. A channel whose
/// last block carries none (the genesis block, or a block from another consenter) is read from the beginning.</summary>
internal readonly record struct KafkaResumePoint(long LastOffsetPersisted, long LastOriginalOffsetProcessed, long LastResubmittedConfigOffset)
{
    /// <summary>Nothing of the partition is in the ledger yet.</summary>
    public const long NothingPersisted = -1;

    public static KafkaResumePoint Beginning { get; } = new(NothingPersisted, 0, 0);

    /// <summary>The first offset still to be processed: the one after the last message of the last block.</summary>
    public long StartOffset => LastOffsetPersisted + 1;

    /// <summary>The resume point recorded in <paramref name="tip"/>; null with <paramref name="error"/> when its
    /// KafkaMetadata cannot be read (a corrupt ledger, which Fabric treats as fatal).</summary>
    public static KafkaResumePoint? FromBlock(Block tip, out string? error)
    {
        ArgumentNullException.ThrowIfNull(tip);
        error = null;
        ByteString consenterMetadata = BlockMetadataReader.ConsenterMetadata(tip);
        if (consenterMetadata.IsEmpty)
        {
            return Beginning;
        }

        try
        {
            KafkaMetadata metadata = KafkaMetadata.Parser.ParseFrom(consenterMetadata);
            return new KafkaResumePoint(metadata.LastOffsetPersisted, metadata.LastOriginalOffsetProcessed, metadata.LastResubmittedConfigOffset);
        }
        catch (InvalidProtocolBufferException e)
        {
            error = $"block {tip.Header?.Number}: cannot read its KafkaMetadata: {e.Message}";
            return null;
        }
    }

    public byte[] ToMetadataBytes() => new KafkaMetadata
    {
        LastOffsetPersisted = LastOffsetPersisted,
        LastOriginalOffsetProcessed = LastOriginalOffsetProcessed,
        LastResubmittedConfigOffset = LastResubmittedConfigOffset,
    }.ToByteArray();
}
