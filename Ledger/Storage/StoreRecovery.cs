using Fabricish.Channels.Blocks;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Ledger.Storage;

/// <summary>Brings a store to a consistent state on open, whatever point a crash interrupted an append at.
/// Appends write and fsync the segment record first, the index entry second, so on disk the index can lag
/// the segments and the last segment can end in a partial record, but nothing else. Recovery therefore
/// (1) keeps the index log's valid prefix, (2) confirms its last entry against the segment it names,
/// (3) scans the segments only from that point, indexing complete blocks and cutting the first torn record
/// and everything after it. Startup cost is reading the index log plus the unindexed tail, not the chain.
/// A store that indexes tx ids but finds entries written without them treats the log as ending before the first
/// such entry, so the same scan re-derives the ids. The ids of blocks the log kept stay on disk: a tx id index that
/// misses some streams them from the log afterwards (<see cref="IndexLog.ReadTxIds"/>).</summary>
internal static class StoreRecovery
{
    public static RecoveredState Recover(string directory, SegmentFiles files, bool indexTxIds)
    {
        List<int> segments = SegmentFiles.Enumerate(directory);
        var log = IndexLog.Load(Path.Combine(directory, IndexLog.FileName));
        var blocks = log.Blocks;
        if (indexTxIds && blocks.FindIndex(b => !b.TxIdsRecorded) is int firstWithoutIds and >= 0)
        {
            blocks.RemoveRange(firstWithoutIds, blocks.Count - firstWithoutIds);
        }

        int dropped = 0;
        while (blocks.Count > 0 && !RecordMatches(files, segments.Count, blocks[^1].Location))
        {
            blocks.RemoveAt(blocks.Count - 1);
            dropped++;
        }

        List<long> entryEnds = log.EntryEnds;
        entryEnds.RemoveRange(blocks.Count, entryEnds.Count - blocks.Count);
        int segment = 0;
        long offset = 0;
        byte[] lastHash = [];
        if (blocks.Count > 0)
        {
            var last = blocks[^1].Location;
            (segment, offset, lastHash) = (last.Segment, last.End, last.HeaderHash);
        }

        var reindexed = new List<IndexedBlock>();
        long truncated = 0;
        string? tornReason = null;
        int currentSegment = Math.Max(segments.Count - 1, 0);
        long currentLength = segments.Count == 0 ? 0 : new FileInfo(SegmentFiles.PathOf(directory, currentSegment)).Length;
        for (int s = segment; s < segments.Count; s++)
        {
            var scan = Scan(directory, s, s == segment ? offset : 0, (ulong)blocks.Count, ref lastHash, blocks, reindexed, indexTxIds);
            if (scan.TornReason is null)
            {
                continue;
            }

            CutTail(directory, s, scan.ValidEnd, segments.Count);
            (truncated, tornReason) = (scan.FileLength - scan.ValidEnd, $"segment {s} at offset {scan.ValidEnd}: {scan.TornReason}");
            (currentSegment, currentLength) = (s, scan.ValidEnd);
            break;
        }

        var report = new RecoveryReport(
            (ulong)blocks.Count, truncated, tornReason, log.TornReason, dropped, reindexed.Count);
        return new RecoveredState(blocks, entryEnds, reindexed, currentSegment, currentLength, report);
    }

    /// <summary>Whether the record an index entry names is really there and is that block.</summary>
    private static bool RecordMatches(SegmentFiles files, int segmentCount, BlockLocation location)
    {
        if (location.Segment >= segmentCount)
        {
            return false;
        }

        byte[] record = files.ReadRecordBytes(location);
        if (record.Length != location.Length
            || BlockRecord.PayloadLength(record) != record.Length - BlockRecord.HeaderSize
            || !BlockRecord.ChecksumMatches(record, record.AsSpan(BlockRecord.HeaderSize)))
        {
            return false;
        }

        BlockHeader? header;
        try
        {
            header = Block.Parser.ParseFrom(record.AsSpan(BlockRecord.HeaderSize)).Header;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }

        return header is not null && header.Number == location.Number
            && BlockHashing.HeaderHash(header).AsSpan().SequenceEqual(location.HeaderHash);
    }

    /// <summary>Reads records from <paramref name="start"/> to the end of the segment, adding each block that
    /// validly extends the chain to both lists; stops at the first one that does not.</summary>
    private static SegmentScan Scan(
        string directory, int segment, long start, ulong height, ref byte[] lastHash,
        List<IndexedBlock> blocks, List<IndexedBlock> reindexed, bool indexTxIds)
    {
        using var file = new FileStream(
            SegmentFiles.PathOf(directory, segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1 << 20);
        long length = file.Length;
        long position = start;
        file.Position = position;
        var header = new byte[BlockRecord.HeaderSize];
        while (position < length)
        {
            if (length - position < BlockRecord.HeaderSize)
            {
                return new SegmentScan(position, length, "partial length prefix");
            }

            file.ReadExactly(header);
            int payloadLength = BlockRecord.PayloadLength(header);
            if (payloadLength < 0)
            {
                return new SegmentScan(position, length, "impossible record length");
            }

            if (payloadLength > length - position - BlockRecord.HeaderSize)
            {
                return new SegmentScan(position, length, "short record");
            }

            var payload = new byte[payloadLength];
            file.ReadExactly(payload);
            if (!BlockRecord.ChecksumMatches(header, payload))
            {
                return new SegmentScan(position, length, "checksum mismatch");
            }

            Block block;
            try
            {
                block = Block.Parser.ParseFrom(payload);
            }
            catch (InvalidProtocolBufferException)
            {
                return new SegmentScan(position, length, "record is not a block");
            }

            if (ChainRules.Refusal(block, height, lastHash) is { } refusal)
            {
                return new SegmentScan(position, length, refusal);
            }

            lastHash = BlockHashing.HeaderHash(block.Header);
            int recordLength = BlockRecord.HeaderSize + payloadLength;
            var indexed = new IndexedBlock(
                new BlockLocation(height, segment, position, recordLength, lastHash), indexTxIds ? ChainRules.TxIds(block) : null);
            blocks.Add(indexed);
            reindexed.Add(indexed);
            height++;
            position += recordLength;
        }

        return new SegmentScan(position, length, null);
    }

    /// <summary>Cuts segment <paramref name="segment"/> at <paramref name="validEnd"/>. A crash can only tear the
    /// newest record, so later segments may exist only empty (a roll interrupted before its first write); any
    /// data after a tear elsewhere means outside damage, which is refused rather than silently discarded.</summary>
    private static void CutTail(string directory, int segment, long validEnd, int segmentCount)
    {
        for (int later = segment + 1; later < segmentCount; later++)
        {
            if (new FileInfo(SegmentFiles.PathOf(directory, later)).Length > 0)
            {
                throw new InvalidDataException(
                    $"block store {directory}: segment {segment} is damaged at offset {validEnd} but segment {later} holds data");
            }
        }

        for (int later = segmentCount - 1; later > segment; later--)
        {
            File.Delete(SegmentFiles.PathOf(directory, later));
        }

        using (var file = new FileStream(SegmentFiles.PathOf(directory, segment), FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            file.SetLength(validEnd);
            file.Flush(flushToDisk: true);
        }

        DirectorySync.Flush(directory);
    }
}
