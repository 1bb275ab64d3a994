using System.Buffers;
using Fabricish.Ledger.Storage;

namespace Fabricish.Ledger.History;

/// <summary>The history database's file: a magic header, then one <see cref="HistoryRecord"/> per block in block
/// order. Opening reads every record back and truncates the file at the first one that is torn, damaged or out of
/// sequence; what is cut is rebuilt from the block store by whoever commits the history (the committer).</summary>
internal sealed class HistoryLog : IDisposable
{
    private static readonly byte[] Magic = "FXHIST01"u8.ToArray();

    private readonly FileStream _file;

    private HistoryLog(FileStream file) => _file = file;

    public long Length => _file.Length;

    /// <summary>Opens (creating if needed) the log at <paramref name="path"/>, handing each intact record to
    /// <paramref name="onRecord"/> in order. Throws <see cref="InvalidDataException"/> for a file that is not a
    /// history log, rather than overwrite it.</summary>
    public static HistoryLog Open(string path, Action<HistoryBlock> onRecord)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        try
        {
            long end = ReadRecords(path, file.Length, onRecord);
            if (end < Magic.Length)
            {
                file.SetLength(0);
                file.Write(Magic);
                file.Flush(flushToDisk: true);
                DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
            }
            else if (end != file.Length)
            {
                file.SetLength(end);
                file.Flush(flushToDisk: true);
            }

            file.Position = file.Length;
            return new HistoryLog(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Writes whole records to the operating system without an fsync: the history is derived from the
    /// block store, so a tail lost in a power failure is re-indexed at the next open rather than paid for on
    /// every block. On failure the file is cut back to where it was, so no partial record stays behind.</summary>
    public void Append(ReadOnlySpan<byte> records)
    {
        long before = _file.Length;
        try
        {
            _file.Write(records);
        }
        catch (IOException)
        {
            _file.SetLength(before);
            _file.Position = before;
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            _file.Flush(flushToDisk: true);
        }
        finally
        {
            _file.Dispose();
        }
    }

    /// <summary>Returns the end of the last intact record (0 when even the header is missing or torn).</summary>
    private static long ReadRecords(string path, long length, Action<HistoryBlock> onRecord)
    {
        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1 << 16);
        Span<byte> magic = stackalloc byte[8];
        if (length < Magic.Length || reader.ReadAtLeast(magic, Magic.Length, throwOnEndOfStream: false) < Magic.Length)
        {
            return 0;
        }

        if (!magic.SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path} is not a history database (unknown header)");
        }

        long position = Magic.Length;
        ulong? last = null;
        Span<byte> header = stackalloc byte[HistoryRecord.HeaderSize];
        byte[] payload = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while (length - position >= HistoryRecord.HeaderSize)
            {
                reader.ReadExactly(header);
                int payloadLength = HistoryRecord.PayloadLength(header);
                if (payloadLength < 0 || length - position - HistoryRecord.HeaderSize < payloadLength)
                {
                    break;
                }

                if (payload.Length < payloadLength)
                {
                    ArrayPool<byte>.Shared.Return(payload);
                    payload = ArrayPool<byte>.Shared.Rent(payloadLength);
                }

                reader.ReadExactly(payload.AsSpan(0, payloadLength));
                if (!HistoryRecord.TryDecode(header, payload.AsSpan(0, payloadLength), out HistoryBlock? block)
                    || block!.Number != (last is { } previous ? previous + 1 : 0))
                {
                    break;
                }

                onRecord(block);
                last = block.Number;
                position += HistoryRecord.HeaderSize + payloadLength;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(payload);
        }

        return position;
    }
}
