using System.Diagnostics;
using System.Globalization;

namespace Fabricish.Testing.Infra;

/// <summary>A temporary folder for one fixture's data, deleted on dispose. Folders are named after the owning
/// process, so folders left by an aborted test run (whose process is gone) are swept when the next one starts.</summary>
public sealed class ScratchDirectory : IDisposable
{
    private static readonly string Parent = Path.Combine(Path.GetTempPath(), "fabricish-infra");

    public ScratchDirectory(string label)
    {
        SweepAbandoned();
        string name = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}-{label}-{Guid.NewGuid():N}");
        FullPath = Directory.CreateDirectory(Path.Combine(Parent, name)).FullName;
    }

    public string FullPath { get; }

    public string Sub(string name) => Directory.CreateDirectory(Path.Combine(FullPath, name)).FullName;

    public void Dispose() => TryDelete(FullPath);

    private static void SweepAbandoned()
    {
        if (!Directory.Exists(Parent))
        {
            return;
        }

        foreach (string dir in Directory.EnumerateDirectories(Parent))
        {
            string name = Path.GetFileName(dir);
            int dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(name.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && !IsAlive(pid))
            {
                TryDelete(dir);
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // A server still flushing into the folder; the next run's sweep removes it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
