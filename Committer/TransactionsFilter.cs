using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Committer;

/// <summary>The block's TRANSACTIONS_FILTER metadata: one TxValidationCode byte per envelope, as Fabric's
/// txflags.ValidationFlags. Written before the block is stored, so the stored block carries its outcome.</summary>
public static class TransactionsFilter
{
    // Fabric initialises every metadata slot so the indexes are addressable (protoutil.InitBlockMetadata).
    private const int MetadataSlots = (int)BlockMetadataIndex.CommitHash + 1;

    public static void Set(Block block, IReadOnlyList<TxValidationCode> codes)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(codes);
        block.Metadata ??= new BlockMetadata();
        while (block.Metadata.Metadata.Count < MetadataSlots)
        {
            block.Metadata.Metadata.Add(ByteString.Empty);
        }

        byte[] flags = new byte[codes.Count];
        for (int i = 0; i < flags.Length; i++)
        {
            flags[i] = (byte)codes[i];
        }

        block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter] = ByteString.CopyFrom(flags);
    }

    /// <summary>The codes a stored block was committed with. A block without a filter (an orderer's genesis block)
    /// counts as all valid, as in Fabric's kvledger.</summary>
    public static TxValidationCode[] Get(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        int count = block.Data?.Data.Count ?? 0;
        ReadOnlySpan<byte> flags = block.Metadata is { } metadata && metadata.Metadata.Count > (int)BlockMetadataIndex.TransactionsFilter
            ? metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter].Span
            : [];
        var codes = new TxValidationCode[count];
        if (flags.IsEmpty)
        {
            return codes;
        }

        if (flags.Length != count)
        {
            throw new InvalidOperationException($"block {block.Header?.Number} has {count} transactions but {flags.Length} validation flags");
        }

        for (int i = 0; i < count; i++)
        {
            codes[i] = (TxValidationCode)flags[i];
        }

        return codes;
    }
}
