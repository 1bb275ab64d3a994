using Fabricish.Ledger.Storage;

namespace Fabricish.Ledger.Tests;

/// <summary>A fresh temporary store directory, deleted afterwards, with helpers to damage it as a crash would.</summary>
internal sealed class StoreDirectory : IDisposable
{
    public StoreDirectory() =>
        Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fx-ledger-" + Guid.NewGuid().ToString("N"))).FullName;

    public string Path { get; }

    public string IndexLogPath => System.IO.Path.Combine(Path, IndexLog.FileName);

    public string SegmentPath(int segment) => SegmentFiles.PathOf(Path, segment);

    public string LastSegmentPath => SegmentPath(SegmentFiles.Enumerate(Path)[^1]);

    public int SegmentCount => SegmentFiles.Enumerate(Path).Count;

    public void AppendBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var file = new FileStream(path, FileMode.Append, FileAccess.Write);
        file.Write(bytes);
    }

    public void Truncate(string path, long length)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.SetLength(length);
    }

    public static long LengthOf(string path) => new FileInfo(path).Length;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; failing the test over it would hide the real outcome.
        }
    }
}
