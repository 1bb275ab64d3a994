using System.Globalization;

namespace Fabricish.Benchmarks.Committing;

/// <summary>This process's resident set from /proc/self/status (VmRSS now, VmHWM its peak), in MiB; null off Linux.</summary>
internal static class ProcessMemory
{
    public static double? ResidentMiB() => Read("VmRSS:");

    public static double? PeakResidentMiB() => Read("VmHWM:");

    private static double? Read(string field)
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return null;
        }

        foreach (string line in File.ReadLines(status))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                string kb = line[field.Length..].Trim().Split(' ')[0];
                return double.Parse(kb, CultureInfo.InvariantCulture) / 1024;
            }
        }

        return null;
    }
}
