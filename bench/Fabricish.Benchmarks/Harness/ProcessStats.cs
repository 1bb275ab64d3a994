using System.Diagnostics;
using System.Globalization;

namespace Fabricish.Benchmarks.Harness;

/// <summary>What /proc says about this process and the machine: peak and current resident memory, and CPU time,
/// so a run can tell its own CPU use from everyone else's (Kafka's JVMs, other builds on a shared machine).</summary>
public static class ProcessStats
{
    /// <summary>Peak resident set (VmHWM) in bytes; the working set where /proc is missing.</summary>
    public static long PeakResidentBytes() => StatusField("self", "VmHWM:") ?? Environment.WorkingSet;

    public static long ResidentBytes() => StatusField("self", "VmRSS:") ?? Environment.WorkingSet;

    /// <summary>Peak resident set of another process, 0 if it cannot be read (e.g. it has exited).</summary>
    public static long PeakResidentBytes(int pid) => StatusField(pid.ToString(CultureInfo.InvariantCulture), "VmHWM:") ?? 0;

    public static long ResidentBytes(int pid) => StatusField(pid.ToString(CultureInfo.InvariantCulture), "VmRSS:") ?? 0;

    /// <summary>User + system CPU time of another process from /proc/PID/stat (clock ticks at the usual 100 Hz).</summary>
    public static TimeSpan ProcessCpu(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the parenthesised command name, which may itself hold spaces.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return TimeSpan.Zero;
        }
    }

    public static TimeSpan ProcessCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>Busy and total jiffies of all CPUs (first line of /proc/stat), or null off Linux.</summary>
    public static (long Busy, long Total)? MachineCpu()
    {
        try
        {
            string line = File.ReadLines("/proc/stat").First();
            long[] fields = [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture))];
            long idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
            long total = fields.Take(8).Sum();
            return (total - idle, total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>CPU time of every process descended from this one except <paramref name="excludedPid"/> and its
    /// descendants: here, ZooKeeper and the Kafka brokers the harness started (and their supervisor shells).</summary>
    public static TimeSpan DescendantsCpu(int excludedPid)
    {
        var parents = new Dictionary<int, int>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        int self = Environment.ProcessId;
        TimeSpan total = TimeSpan.Zero;
        foreach (int pid in parents.Keys)
        {
            bool below = false;
            for (int p = pid, hops = 0; parents.TryGetValue(p, out int up) && hops < 64; p = up, hops++)
            {
                if (p == excludedPid)
                {
                    break;
                }

                if (up == self)
                {
                    below = true;
                    break;
                }
            }

            if (below)
            {
                total += ProcessCpu(pid);
            }
        }

        return total;
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static long? StatusField(string process, string name)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{process}/status"))
            {
                if (line.StartsWith(name, StringComparison.Ordinal))
                {
                    string kb = line[name.Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }

        return null;
    }
}
