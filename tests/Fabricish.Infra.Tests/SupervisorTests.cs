using System.Diagnostics;
using System.Globalization;
using Fabricish.Testing.Infra;

namespace Fabricish.Infra.Tests;

/// <summary>tools/infra/supervise.sh is what keeps an aborted test run from leaving brokers behind.</summary>
public sealed class SupervisorTests
{
    [Fact]
    public async Task Server_under_the_supervisor_dies_when_the_process_holding_its_stdin_goes_away()
    {
        string log = Path.Combine(Path.GetTempPath(), $"fabricish-supervise-{Guid.NewGuid():N}.log");
        var psi = new ProcessStartInfo("bash") { RedirectStandardInput = true, UseShellExecute = false };
        foreach (string a in new[] { InfraPaths.Supervisor, log, "sleep", "600" })
        {
            psi.ArgumentList.Add(a);
        }

        using Process supervisor = Process.Start(psi)!;
        try
        {
            int server = await ChildAsync(supervisor.Id, "sleep");

            // What the kernel does to the pipe when a test host is killed.
            supervisor.StandardInput.Close();

            await WaitAsync(() => !Exists(server), "the supervised server to exit");
            await WaitAsync(() => supervisor.HasExited, "the supervisor to exit");
        }
        finally
        {
            if (!supervisor.HasExited)
            {
                supervisor.Kill(entireProcessTree: true);
            }

            File.Delete(log);
        }
    }

    private static async Task<int> ChildAsync(int parent, string comm)
    {
        int found = 0;
        await WaitAsync(
            () =>
            {
                foreach (string dir in Directory.EnumerateDirectories("/proc"))
                {
                    if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && ParentAndName(pid) is (int ppid, string name)
                        && ppid == parent && name == comm)
                    {
                        found = pid;
                        return true;
                    }
                }

                return false;
            },
            $"{comm} to start under the supervisor");
        return found;
    }

    private static (int Parent, string Name)? ParentAndName(int pid) =>
        Stat(pid) is string[] s ? (int.Parse(s[3], CultureInfo.InvariantCulture), s[1]) : null;

    /// <summary>A zombie counts as gone: it has exited and only waits for its parent to reap it.</summary>
    private static bool Exists(int pid) => Stat(pid) is string[] s && s[2] != "Z";

    /// <summary>/proc/PID/stat as [pid, comm, state, ppid]; comm may hold spaces, so it is cut at the last ')'.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            int open = stat.IndexOf('(', StringComparison.Ordinal);
            int close = stat.LastIndexOf(')');
            string[] rest = stat[(close + 2)..].Split(' ');
            return [stat[..(open - 1)], stat[(open + 1)..close], rest[0], rest[1]];
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }
}
