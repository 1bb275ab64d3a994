using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Fabricish.Channels.Config;

/// <summary>Go's <c>time.Duration</c> text form: Fabric writes BatchTimeout with <c>Duration.String()</c> and reads it
/// with <c>time.ParseDuration</c>, so both directions must match Go for the bytes to agree.</summary>
public static partial class GoDuration
{
    private const long NanosPerTick = 100;

    /// <summary>Parses e.g. "2s", "1m30s", "250ms", "1.5h" as Go does; false for anything Go would reject.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        string s = text;
        bool negative = false;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s == "0")
        {
            return true;
        }

        if (s.Length == 0)
        {
            return false;
        }

        decimal totalNanos = 0;
        int consumed = 0;
        foreach (Match m in Component().Matches(s))
        {
            if (m.Index != consumed || m.Groups["num"].Value is "" or ".")
            {
                return false;
            }

            consumed += m.Length;
            decimal number = decimal.Parse(m.Groups["num"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            decimal? unit = m.Groups["unit"].Value switch
            {
                "ns" => 1m,
                "us" or "µs" or "μs" => 1_000m,
                "ms" => 1_000_000m,
                "s" => 1_000_000_000m,
                "m" => 60_000_000_000m,
                "h" => 3_600_000_000_000m,
                _ => null,
            };
            if (unit is null)
            {
                return false;
            }

            totalNanos += number * unit.Value;
        }

        if (consumed != s.Length || totalNanos > long.MaxValue)
        {
            return false;
        }

        long ticks = (long)(totalNanos / NanosPerTick);
        duration = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return true;
    }

    /// <summary>Formats as Go's <c>Duration.String()</c>: "2s", "1m30s", "1h0m0s", "500ms", "0s".</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var sb = new StringBuilder();
        if (duration < TimeSpan.Zero)
        {
            sb.Append('-');
            duration = duration.Duration();
        }

        long nanos = duration.Ticks * NanosPerTick;
        if (nanos < 1_000_000_000)
        {
            (long scale, string unit) = nanos switch
            {
                < 1_000 => (1L, "ns"),
                < 1_000_000 => (1_000L, "µs"),
                _ => (1_000_000L, "ms"),
            };
            return sb.Append(Fraction(nanos, scale)).Append(unit).ToString();
        }

        long hours = nanos / 3_600_000_000_000;
        nanos %= 3_600_000_000_000;
        long minutes = nanos / 60_000_000_000;
        nanos %= 60_000_000_000;
        if (hours > 0)
        {
            sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            sb.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        return sb.Append(Fraction(nanos, 1_000_000_000)).Append('s').ToString();
    }

    private static string Fraction(long value, long scale)
    {
        string whole = (value / scale).ToString(CultureInfo.InvariantCulture);
        long rest = value % scale;
        if (rest == 0)
        {
            return whole;
        }

        int digits = scale.ToString(CultureInfo.InvariantCulture).Length - 1;
        string fraction = rest.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
        return whole + "." + fraction;
    }

    [GeneratedRegex(@"(?<num>[0-9]*(\.[0-9]*)?)(?<unit>[a-zµμ]+)")]
    private static partial Regex Component();
}
