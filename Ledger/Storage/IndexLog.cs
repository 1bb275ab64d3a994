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
    /// the block-number sequence; everything from there on is treated as absent. Without
    /// <paramref name="readTxIds"/> every entry comes back with null tx ids, sparing a store that does not index
    /// them from materialising every id of the chain while opening.</summary>
    public static IndexLogContents Load(string path, bool readTxIds = true)
    {
        var blocks = new List<IndexedBlock>();
        var ends = new List<long>();
        if (!File.Exists(path))
        {
            return new IndexLogContents(blocks, ends, 0, null);
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1 << 16);
        long fileLength = file.Length;
        long position = 0;
        Span<byte> header = stackalloc byte[BlockRecord.HeaderSize];
        while (position < fileLength)
        {
            string? torn = null;
            if (fileLength - position < BlockRecord.HeaderSize)
            {
                torn = "partial index entry header";
            }
            else
            {
                file.ReadExactly(header);
                int length = BlockRecord.PayloadLength(header);
                if (length < FixedPayloadSize || length > fileLength - position - BlockRecord.HeaderSize)
                {
                    torn = "short or impossible index entry";
                }
                else
                {
                    var payload = new byte[length];
                    file.ReadExactly(payload);
                    if (!BlockRecord.ChecksumMatches(header, payload))
                    {
                        torn = "index entry checksum mismatch";
                    }
                    else if (Decode(payload, readTxIds) is not { } block || block.Location.Number != (ulong)blocks.Count)
                    {
                        torn = $"index entry out of sequence at block {blocks.Count}";
                    }
                    else
                    {
                        blocks.Add(block);
                        position += BlockRecord.HeaderSize + length;
                        ends.Add(position);
                    }
                }
            }

            if (torn is not null)
            {
                return new IndexLogContents(blocks, ends, position, torn);
            }
        }

        return new IndexLogContents(blocks, ends, position, null);
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
            return payload.Length == FixedPayloadSize ? new IndexedBlock(location, null) : null;
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

        return position == payload.Length ? new IndexedBlock(location, txIds) : null;
    }
}
