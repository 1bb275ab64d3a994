using System.Globalization;
using Fabricish.Benchmarks.Harness;

namespace Fabricish.Benchmarks.Network;

/// <summary>
/// CPU time of each network component from /proc: every component runs as the leader of its own process group
/// (./fabricish up starts it with setsid), so its CPU is the sum over the processes of that group — a JVM or Node
/// server and anything it forked. The bench process itself is "bench".
/// </summary>
public static class ComponentCpu
{
    public const string BenchName = "bench";

    public static Dictionary<string, TimeSpan> Snapshot(IReadOnlyDictionary<string, int> leaders)
    {
        ArgumentNullException.ThrowIfNull(leaders);
        var byGroup = new Dictionary<int, TimeSpan>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || GroupOf(pid) is not { } group)
            {
                continue;
            }

            byGroup[group] = byGroup.GetValueOrDefault(group) + ProcessStats.ProcessCpu(pid);
        }

        var result = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach ((string name, int leader) in leaders)
        {
            result[name] = byGroup.GetValueOrDefault(leader);
        }

        result[BenchName] = ProcessStats.ProcessCpu();
        return result;
    }

    private static int? GroupOf(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ', 4);
            return int.Parse(fields[2], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
