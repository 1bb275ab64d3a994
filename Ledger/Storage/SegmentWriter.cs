namespace Fabricish.Ledger.Storage;

/// <summary>Appends records to the newest segment and rolls to a new one when the next record would push it
/// past the configured size (a record larger than that gets a segment of its own).</summary>
internal sealed class SegmentWriter : IDisposable
{
    private readonly string _directory;
    private readonly long _maxSegmentBytes;
    private FileStream _file;

    /// <summary>Continues segment <paramref name="segment"/> at <paramref name="length"/>, which recovery has
    /// already established as the end of its last valid record.</summary>
    public SegmentWriter(string directory, long maxSegmentBytes, int segment, long length)
    {
        _directory = directory;
        _maxSegmentBytes = maxSegmentBytes;
        Segment = segment;
        _file = OpenSegment(segment, out bool created);
        if (_file.Length != length)
        {
            _file.SetLength(length);
            _file.Flush(flushToDisk: true);
        }

        _file.Position = length;
        if (created)
        {
            DirectorySync.Flush(_directory);
        }
    }

    public int Segment { get; private set; }

    public long Length => _file.Position;

    /// <summary>Writes the record and fsyncs it; returns where it landed.</summary>
    public (int Segment, long Offset) Append(ReadOnlySpan<byte> record)
    {
        if (_file.Position > 0 && _file.Position + record.Length > _maxSegmentBytes)
        {
            Roll();
        }

        long offset = _file.Position;
        _file.Write(record);
        _file.Flush(flushToDisk: true);
        return (Segment, offset);
    }

    public void Dispose() => _file.Dispose();

    private void Roll()
    {
        var next = OpenSegment(Segment + 1, out _);
        // The new file's directory entry must be durable before a block acknowledged from it.
        DirectorySync.Flush(_directory);
        _file.Dispose();
        _file = next;
        Segment++;
    }

    private FileStream OpenSegment(int segment, out bool created)
    {
        string path = SegmentFiles.PathOf(_directory, segment);
        created = !File.Exists(path);
        return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, bufferSize: 0);
    }
}
