using Fabricish.Channels.Blocks;
using Fabricish.Protos.Common;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.Explorer.Ledger;

/// <summary>One block as lists and the live chart show it: number, header hashes, its transactions' IDs and the
/// validation codes the peer recorded (TRANSACTIONS_FILTER), the newest transaction timestamp, and when the explorer
/// saw it committed.</summary>
public sealed record BlockSummary(
    ulong Number,
    string HeaderHash,
    string PreviousHash,
    string DataHash,
    IReadOnlyList<string> TxIds,
    IReadOnlyList<int> Codes,
    DateTimeOffset? Time,
    DateTimeOffset Seen)
{
    public int TxCount => Codes.Count;

    public int ValidCount => Codes.Count(c => c == 0);

    public static BlockSummary From(Block block, DateTimeOffset seen)
    {
        ArgumentNullException.ThrowIfNull(block);
        var txIds = new List<string>(block.Data.Data.Count);
        Timestamp? newest = null;
        foreach (Google.Protobuf.ByteString data in block.Data.Data)
        {
            ChannelHeader? header = EnvelopeReader.TryChannelHeader(data);
            txIds.Add(header?.TxId ?? "");
            if (header?.Timestamp is { } time && (newest is null || time.CompareTo(newest) > 0))
            {
                newest = time;
            }
        }

        return new BlockSummary(
            block.Header.Number,
            Convert.ToHexStringLower(BlockHashing.HeaderHash(block.Header)),
            Convert.ToHexStringLower(block.Header.PreviousHash.Span),
            Convert.ToHexStringLower(block.Header.DataHash.Span),
            txIds,
            Filter(block),
            newest?.ToDateTimeOffset(),
            seen);
    }

    /// <summary>The peer's validation code per transaction; a block without the filter (as an orderer serves it)
    /// reads as not validated yet.</summary>
    public static IReadOnlyList<int> Filter(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        int count = block.Data.Data.Count;
        ReadOnlySpan<byte> flags = block.Metadata is { } metadata && metadata.Metadata.Count > (int)BlockMetadataIndex.TransactionsFilter
            ? metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter].Span
            : [];
        var codes = new int[count];
        for (int i = 0; i < count; i++)
        {
            codes[i] = i < flags.Length ? flags[i] : (int)Protos.Peer.TxValidationCode.NotValidated;
        }

        return codes;
    }
}
