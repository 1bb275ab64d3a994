using System.Buffers.Binary;
using System.Text;

namespace Fabricish.Ledger.Storage;

/// <summary>The persisted index: an append-only file of checksummed entries, one per block, in block order.
/// Entries use the same framing as block records (<c>[u32 length][u32 crc32c][payload]</c>), so a torn last
/// entry is detected the same way. The log is written only after the block it describes is durable, hence it
/// can lag the segments but never lead them; recovery re-derives anything missing from the segments.
/// An entry's tx id count is <see cref="TxIdsNotRecorded"/> when the store that wrote it did not index tx ids,
/// so a reader that does can tell such entries from blocks without transactions.</summary>
internal sealed class IndexLog : IDisposable
{
    public const string FileName = "blockindex.log";

    /// <summary>Older readers take it for a damaged entry and rebuild from the segments, which is still correct.</summary>
    private const int TxIdsNotRecorded = -1;
    private const int HashSize = 32;
    private const int FixedPayloadSize = sizeof(ulong) + sizeof(int) + sizeof(long) + sizeof(int) + HashSize + sizeof(int);

    private readonly FileStream _file;

    private IndexLog(FileStream file) => _file = file;

    /// <summary>Opens the log for appending after cutting it to <paramref name="length"/> bytes.</summary>
    public static IndexLog OpenForAppend(string path, long length)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        if (file.Length != length)
        {
            file.SetLength(length);
            file.Flush(flushToDisk: true);
        }

        file.Position = length;
        return new IndexLog(file);
    }

    /// <summary>Writes the entries and fsyncs once for all of them.</summary>
    public void Append(IEnumerable<IndexedBlock> blocks)
    {
        foreach (var block in blocks)
        {
            _file.Write(Encode(block));
        }

        _file.Flush(flushToDisk: true);
    }

    public void Dispose() => _file.Dispose();

    /// <summary>Reads entries until the end of file or the first one that is torn, fails its checksum or breaks
    /// the block-number sequence; everything from there on is treated as absent. Entries come back without their tx
    /// ids (<see cref="IndexedBlock.TxIdsRecorded"/> says whether they hold some), so opening a store never
    /// materialises every id of the chain: the ids an index still misses are streamed by <see cref="ReadTxIds"/>.</summary>
    public static IndexLogContents Load(string path)
    {
        var blocks = new List<IndexedBlock>();
        var ends = new List<long>();
        if (!File.Exists(path))
        {
            return new IndexLogContents(blocks, ends, 0, null);
        }

        using var file = OpenForReading(path);
        foreach (LogEntry entry in Entries(file, 0, 0, readTxIds: false))
        {
            if (entry.TornReason is not null)
            {
                return new IndexLogContents(blocks, ends, ends.Count == 0 ? 0 : ends[^1], entry.TornReason);
            }

            blocks.Add(entry.Block!);
            ends.Add(entry.End);
        }

        return new IndexLogContents(blocks, ends, ends.Count == 0 ? 0 : ends[^1], null);
    }

    /// <summary>Streams <paramref name="count"/> entries, with their tx ids, from the one for block
    /// <paramref name="first"/> that starts at <paramref name="offset"/>: one entry in memory at a time. The entries
    /// were checked by <see cref="Load"/>; one that no longer reads back is damage since, and throws.</summary>
    public static IEnumerable<IndexedBlock> ReadTxIds(string path, long offset, ulong first, int count)
    {
        if (count <= 0)
        {
            yield break;
        }

        using var file = OpenForReading(path);
        int read = 0;
        foreach (LogEntry entry in Entries(file, offset, first, readTxIds: true))
        {
            if (entry.TornReason is not null)
            {
                throw new InvalidDataException($"index log {path} changed while its tx ids were read: {entry.TornReason}");
            }

            yield return entry.Block!;
            if (++read == count)
            {
                yield break;
            }
        }

        throw new InvalidDataException($"index log {path} ends before block {first + (ulong)count - 1}");
    }

    private static FileStream OpenForReading(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1 << 16);

    /// <summary>Entries from <paramref name="position"/> on, the first being block <paramref name="number"/>, until
    /// the end of file or a torn entry (returned last, with its reason). One payload buffer serves every entry.</summary>
    private static IEnumerable<LogEntry> Entries(FileStream file, long position, ulong number, bool readTxIds)
    {
        long fileLength = file.Length;
        file.Position = position;
        byte[] header = new byte[BlockRecord.HeaderSize];
        byte[] payload = new byte[256];
        while (position < fileLength)
        {
            if (fileLength - position < BlockRecord.HeaderSize)
            {
                yield return LogEntry.Torn("partial index entry header");
                yield break;
            }

            file.ReadExactly(header);
            int length = BlockRecord.PayloadLength(header);
            if (length < FixedPayloadSize || length > fileLength - position - BlockRecord.HeaderSize)
            {
                yield return LogEntry.Torn("short or impossible index entry");
                yield break;
            }

            if (payload.Length < length)
            {
                payload = new byte[Math.Max(length, payload.Length * 2)];
            }

            file.ReadExactly(payload, 0, length);
            if (!BlockRecord.ChecksumMatches(header, payload.AsSpan(0, length)))
            {
                yield return LogEntry.Torn("index entry checksum mismatch");
                yield break;
            }

            if (Decode(payload.AsSpan(0, length), readTxIds) is not { } block || block.Location.Number != number)
            {
                yield return LogEntry.Torn($"index entry out of sequence at block {number}");
                yield break;
            }

            position += BlockRecord.HeaderSize + length;
            number++;
            yield return new LogEntry(block, position, null);
        }
    }

    internal static byte[] Encode(IndexedBlock block)
    {
        var location = block.Location;
        int size = FixedPayloadSize;
        foreach (string txId in block.TxIds ?? [])
        {
            size += sizeof(ushort) + IndexableByteCount(txId);
        }

        var record = new byte[BlockRecord.HeaderSize + size];
        var span = record.AsSpan(BlockRecord.HeaderSize);
        BinaryPrimitives.WriteUInt64LittleEndian(span, location.Number);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], location.Segment);
        BinaryPrimitives.WriteInt64LittleEndian(span[12..], location.Offset);
        BinaryPrimitives.WriteInt32LittleEndian(span[20..], location.Length);
        location.HeaderHash.CopyTo(span[24..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[(24 + HashSize)..], block.TxIds?.Count ?? TxIdsNotRecorded);
        int position = FixedPayloadSize;
        foreach (string txId in block.TxIds ?? [])
        {
            int length = IndexableByteCount(txId);
            BinaryPrimitives.WriteUInt16LittleEndian(span[position..], (ushort)length);
            position += sizeof(ushort);
            if (length > 0)
            {
                position += Encoding.UTF8.GetBytes(txId, span[position..]);
            }
        }

        BlockRecord.Frame(record);
        return record;
    }

    /// <summary>Tx ids are hex digests in Fabric; one too long for the u16 length is stored as absent.</summary>
    private static int IndexableByteCount(string txId)
    {
        int count = Encoding.UTF8.GetByteCount(txId);
        return count <= ushort.MaxValue ? count : 0;
    }

    private static IndexedBlock? Decode(ReadOnlySpan<byte> payload, bool readTxIds)
    {
        ulong number = BinaryPrimitives.ReadUInt64LittleEndian(payload);
        int segment = BinaryPrimitives.ReadInt32LittleEndian(payload[8..]);
        long offset = BinaryPrimitives.ReadInt64LittleEndian(payload[12..]);
        int length = BinaryPrimitives.ReadInt32LittleEndian(payload[20..]);
        byte[] hash = payload.Slice(24, HashSize).ToArray();
        int txCount = BinaryPrimitives.ReadInt32LittleEndian(payload[(24 + HashSize)..]);
        if (segment < 0 || offset < 0 || length <= BlockRecord.HeaderSize || txCount < TxIdsNotRecorded)
        {
            return null;
        }

        var location = new BlockLocation(number, segment, offset, length, hash);
        if (txCount == TxIdsNotRecorded)
        {
            return payload.Length == FixedPayloadSize ? new IndexedBlock(location, null) { TxIdsRecorded = false } : null;
        }

        string[]? txIds = readTxIds ? new string[txCount] : null;
        int position = FixedPayloadSize;
        for (int i = 0; i < txCount; i++)
        {
            if (payload.Length - position < sizeof(ushort))
            {
                return null;
            }

            int idLength = BinaryPrimitives.ReadUInt16LittleEndian(payload[position..]);
            position += sizeof(ushort);
            if (payload.Length - position < idLength)
            {
                return null;
            }

            if (txIds is not null)
            {
                txIds[i] = Encoding.UTF8.GetString(payload.Slice(position, idLength));
            }

            position += idLength;
        }

        return position == payload.Length ? new IndexedBlock(location, txIds) { TxIdsRecorded = true } : null;
    }

    /// <summary>An entry read back, or (with null <see cref="Block"/>) why reading stopped.</summary>
    private readonly record struct LogEntry(IndexedBlock? Block, long End, string? TornReason)
    {
        public static LogEntry Torn(string reason) => new(null, 0, reason);
    }
}
