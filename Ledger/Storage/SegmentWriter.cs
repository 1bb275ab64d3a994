namespace Fabricish.Ledger.Storage;

/// <summary>Appends records to the newest segment and rolls to a new one when the next record would push it
/// past the configured size (a record larger than that gets a segment of its own). Writing and fsyncing are
/// separate steps, so a caller can write several records and fsync them once (<see cref="FlushToDisk"/>); a segment
/// rolled away from stays open until that flush has made its tail durable.</summary>
internal sealed class SegmentWriter : IDisposable
{
    private readonly string _directory;
    private readonly long _maxSegmentBytes;
    private List<FileStream> _retired = [];
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

    /// <summary>Writes the record, not yet durable; returns where it landed. Called under the owner's write lock, as
    /// is <see cref="TakeFlushTarget"/>.</summary>
    public (int Segment, long Offset) Append(ReadOnlySpan<byte> record)
    {
        if (_file.Position > 0 && _file.Position + record.Length > _maxSegmentBytes)
        {
            Roll();
        }

        long offset = _file.Position;
        _file.Write(record);
        return (Segment, offset);
    }

    /// <summary>What <see cref="FlushToDisk"/> must make durable for every record written so far: the segments rolled
    /// away from since the last flush, then the current one.</summary>
    public SegmentFlushTarget TakeFlushTarget()
    {
        List<FileStream> retired = _retired;
        _retired = [];
        return new SegmentFlushTarget(retired, _file.SafeFileHandle);
    }

    /// <summary>Fsyncs what <paramref name="target"/> names; may run beside further appends to the current segment
    /// (fsync and pwrite on one descriptor are safe together; a roll meanwhile retires the segment rather than closing
    /// it). Retired segments are closed once durable.</summary>
    public static void FlushToDisk(SegmentFlushTarget target)
    {
        foreach (FileStream retired in target.Retired)
        {
            retired.Flush(flushToDisk: true);
            retired.Dispose();
        }

        RandomAccess.FlushToDisk(target.Current);
    }

    /// <summary>Closes the files without an fsync: the owner flushes what it acknowledged before closing.</summary>
    public void Dispose()
    {
        foreach (FileStream retired in TakeFlushTarget().Retired)
        {
            retired.Dispose();
        }

        _file.Dispose();
    }

    private void Roll()
    {
        var next = OpenSegment(Segment + 1, out _);
        // The new file's directory entry must be durable before a block acknowledged from it.
        DirectorySync.Flush(_directory);
        _retired.Add(_file);
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
