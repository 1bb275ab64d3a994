using System.Buffers;
using System.Globalization;
using Fabricish.Protos.Common;
using Microsoft.Win32.SafeHandles;

namespace Fabricish.Ledger.Storage;

/// <summary>The numbered segment files of a store (<c>blockfile_000000</c>, … as Fabric names them) and the
/// shared read handles to them. Reads are positional (pread), so concurrent readers share one handle per
/// segment without seeking over each other.</summary>
internal sealed class SegmentFiles : IDisposable
{
    public const string Prefix = "blockfile_";

    private readonly string _directory;
    private readonly Dictionary<int, SafeFileHandle> _readHandles = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    public SegmentFiles(string directory) => _directory = directory;

    public static string PathOf(string directory, int segment) =>
        Path.Combine(directory, Prefix + segment.ToString("D6", CultureInfo.InvariantCulture));

    /// <summary>Segment numbers present, ascending. They must run 0..n-1: a gap means files were removed by
    /// hand, and the chain cannot be trusted past it.</summary>
    public static List<int> Enumerate(string directory)
    {
        var numbers = new List<int>();
        foreach (string path in Directory.EnumerateFiles(directory, Prefix + "*"))
        {
            string suffix = Path.GetFileName(path)[Prefix.Length..];
            if (int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
            {
                numbers.Add(number);
            }
        }

        numbers.Sort();
        for (int i = 0; i < numbers.Count; i++)
        {
            if (numbers[i] != i)
            {
                throw new InvalidDataException($"block store {directory} is missing segment {i}");
            }
        }

        return numbers;
    }

    /// <summary>Reads and checks the record at <paramref name="location"/>. A failed check on a record the index
    /// vouches for is disk corruption, an infrastructure fault, so it throws.</summary>
    public Block ReadBlock(BlockLocation location)
    {
        // Pooled: followers read every committed block back, and each is a large-object-heap array otherwise.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(location.Length);
        try
        {
            ReadOnlySpan<byte> record = buffer.AsSpan(0, ReadInto(location, buffer.AsSpan(0, location.Length)));
            int payloadLength = BlockRecord.PayloadLength(record);
            if (payloadLength != record.Length - BlockRecord.HeaderSize
                || !BlockRecord.ChecksumMatches(record, record[BlockRecord.HeaderSize..]))
            {
                throw new InvalidDataException(
                    $"block {location.Number} in segment {location.Segment} at offset {location.Offset} fails its checksum");
            }

            return Block.Parser.ParseFrom(record[BlockRecord.HeaderSize..]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The raw record, or a shorter array if the file ends early (recovery checks the last indexed block
    /// this way).</summary>
    public byte[] ReadRecordBytes(BlockLocation location)
    {
        var buffer = new byte[location.Length];
        int filled = ReadInto(location, buffer);
        return filled == buffer.Length ? buffer : buffer[..filled];
    }

    /// <summary>Reads the record into <paramref name="buffer"/> (its length); returns the bytes read, fewer if the file
    /// ends early.</summary>
    private int ReadInto(BlockLocation location, Span<byte> buffer)
    {
        var handle = ReadHandle(location.Segment);
        int filled = 0;
        while (filled < buffer.Length)
        {
            int read = RandomAccess.Read(handle, buffer[filled..], location.Offset + filled);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var handle in _readHandles.Values)
            {
                handle.Dispose();
            }

            _readHandles.Clear();
        }
    }

    private SafeFileHandle ReadHandle(int segment)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_readHandles.TryGetValue(segment, out var handle))
            {
                handle = File.OpenHandle(
                    PathOf(_directory, segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                _readHandles.Add(segment, handle);
            }

            return handle;
        }
    }
}
