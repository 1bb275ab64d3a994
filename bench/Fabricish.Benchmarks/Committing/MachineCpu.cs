using System.Globalization;

namespace Fabricish.Benchmarks.Committing;

/// <summary>Busy and total jiffies of the whole machine from /proc/stat, so a run on a shared machine records how
/// many cores everything (this process, pouchdb-server, other work) kept busy.</summary>
internal static class MachineCpu
{
    public static (long Busy, long Total)? Sample()
    {
        if (!File.Exists("/proc/stat"))
        {
            return null;
        }

        string[] fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long[] values = [.. fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture))];

        // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
        long total = values.Sum();
        return (total - values[3] - values[4], total);
    }

    public static double? BusyCores((long Busy, long Total)? before, (long Busy, long Total)? after)
    {
        if (before is not { } b || after is not { } a || a.Total == b.Total)
        {
            return null;
        }

        return (double)(a.Busy - b.Busy) / (a.Total - b.Total) * Environment.ProcessorCount;
    }
}
