using System.Globalization;

namespace Fabricish.Network.Tests.Readme;

/// <summary>The processes that belong to a tree: those whose command line names a path inside it (every program
/// <c>./fabricish up</c> starts runs from the tree's build output, its <c>.deps/</c> or with its run folder).</summary>
public static class TreeProcesses
{
    public static IReadOnlyList<(int Pid, string CommandLine)> Find(string root)
    {
        var found = new List<(int, string)>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // gone meanwhile
            }

            if (commandLine.Contains(root, StringComparison.Ordinal) && Up.ProcessTable.IsRunning(pid))
            {
                found.Add((pid, commandLine));
            }
        }

        return found;
    }

    /// <summary>Kills what <see cref="Find"/> found, so a failed test does not leave servers on the default ports.</summary>
    public static void Kill(IEnumerable<(int Pid, string CommandLine)> processes)
    {
        foreach ((int pid, _) in processes)
        {
            try
            {
                using var p = System.Diagnostics.Process.GetProcessById(pid);
                p.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }
}
