namespace Fabricish.Peer.Tests.Events.Support;

/// <summary>A fresh temporary directory for a block store, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } =
        Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fx-peer-events-" + Guid.NewGuid().ToString("N"))).FullName;

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
