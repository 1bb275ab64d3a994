using System.Globalization;

namespace Fabricish.Benchmarks.Network;

/// <summary>
/// Latency over time as a PNG: the upper panel shows, per second of the run, end-to-end p50 and p99 and the p50 of
/// endorse, order and commit; the lower one committed, invalid and failed transactions per second. Grey lines mark
/// the measured window.
/// </summary>
public static class LatencyChart
{
    private const int Width = 1100;
    private const int Height = 700;
    private const int Left = 90;
    private const int Right = 30;
    private static readonly (byte, byte, byte) White = (255, 255, 255);
    private static readonly (byte, byte, byte) Ink = (30, 30, 30);
    private static readonly (byte, byte, byte) Grid = (225, 225, 225);
    private static readonly (byte, byte, byte) Window = (150, 150, 150);
    private static readonly (byte, byte, byte) Blue = (31, 119, 180);
    private static readonly (byte, byte, byte) Red = (214, 39, 40);
    private static readonly (byte, byte, byte) Green = (44, 160, 44);
    private static readonly (byte, byte, byte) Orange = (255, 127, 14);
    private static readonly (byte, byte, byte) Purple = (148, 103, 189);

    public static byte[] Render(string title, IReadOnlyList<TimeBucket> timeline, double windowStart, double windowEnd)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var image = new PngImage(Width, Height, White);
        PixelFont.Draw(image, Left, 12, title, Ink, 2);
        double maxSecond = Math.Max(1, Math.Max(windowEnd, timeline.Count == 0 ? 1 : timeline[^1].Second + 1));
        var latency = new Panel(image, 80, 380, maxSecond, Nice(timeline.Select(b => b.EndToEndP99Ms).DefaultIfEmpty(1).Max()), "MS");
        var rate = new Panel(image, 450, 640, maxSecond, Nice(timeline.Select(b => (double)b.Committed + b.Invalid + b.Failed).DefaultIfEmpty(1).Max()), "TX/S");
        foreach (Panel panel in new[] { latency, rate })
        {
            panel.Axes(windowStart, windowEnd);
        }

        latency.Series(timeline.Select(b => (b.Second, b.EndToEndP99Ms)), Red);
        latency.Series(timeline.Select(b => (b.Second, b.EndToEndP50Ms)), Blue);
        latency.Series(timeline.Select(b => (b.Second, b.EndorseP50Ms)), Green);
        latency.Series(timeline.Select(b => (b.Second, b.OrderP50Ms)), Orange);
        latency.Series(timeline.Select(b => (b.Second, b.CommitP50Ms)), Purple);
        rate.Series(timeline.Select(b => (b.Second, (double)b.Committed)), Blue);
        rate.Series(timeline.Select(b => (b.Second, (double)b.Invalid)), Orange);
        rate.Series(timeline.Select(b => (b.Second, (double)b.Failed)), Red);
        Legend(image, Left + 10, 40, [("E2E P99", Red), ("E2E P50", Blue), ("ENDORSE P50", Green), ("ORDER P50", Orange), ("COMMIT P50", Purple)]);
        Legend(image, Left + 10, 418, [("COMMITTED/S", Blue), ("INVALID/S", Orange), ("FAILED/S", Red)]);
        PixelFont.Draw(image, (Width / 2) - 120, Height - 30, "SECONDS SINCE START (BY FINISH TIME)", Ink, 2);
        return image.Encode();
    }

    private static void Legend(PngImage image, int x, int y, (string Name, (byte, byte, byte) Color)[] entries)
    {
        foreach ((string name, (byte, byte, byte) color) in entries)
        {
            image.FillRect(x, y + 4, 18, 6, color);
            PixelFont.Draw(image, x + 24, y, name, Ink, 2);
            x += 24 + PixelFont.Width(name, 2) + 20;
        }
    }

    /// <summary>A round axis maximum at or above <paramref name="value"/> (1, 2 or 5 × 10^n).</summary>
    private static double Nice(double value)
    {
        if (value <= 0 || !double.IsFinite(value))
        {
            return 1;
        }

        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (double step in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private sealed class Panel(PngImage image, int top, int bottom, double maxX, double maxY, string unit)
    {
        private int X(double second) => Left + (int)Math.Round(second / maxX * (Width - Left - Right));

        private int Y(double value) => bottom - (int)Math.Round(Math.Clamp(value / maxY, 0, 1) * (bottom - top));

        public void Axes(double windowStart, double windowEnd)
        {
            for (int i = 0; i <= 5; i++)
            {
                double value = maxY * i / 5;
                int y = Y(value);
                image.Line(Left, y, Width - Right, y, Grid);
                string label = value.ToString(value >= 10 || value == 0 ? "0" : "0.#", CultureInfo.InvariantCulture);
                PixelFont.Draw(image, Left - 8 - PixelFont.Width(label, 2), y - 7, label, Ink, 2);
            }

            PixelFont.Draw(image, 8, top - 24, unit, Ink, 2);
            double step = Nice(maxX / 10);
            for (double s = 0; s <= maxX + 1e-9; s += step)
            {
                int x = X(s);
                image.Line(x, bottom, x, bottom + 5, Ink);
                string label = s.ToString("0", CultureInfo.InvariantCulture);
                PixelFont.Draw(image, x - (PixelFont.Width(label, 2) / 2), bottom + 9, label, Ink, 2);
            }

            image.Line(X(windowStart), top, X(windowStart), bottom, Window);
            image.Line(X(windowEnd), top, X(windowEnd), bottom, Window);
            image.Line(Left, top, Left, bottom, Ink, 2);
            image.Line(Left, bottom, Width - Right, bottom, Ink, 2);
        }

        public void Series(IEnumerable<(double Second, double Value)> points, (byte, byte, byte) color)
        {
            (int X, int Y)? last = null;
            foreach ((double second, double value) in points)
            {
                (int X, int Y) at = (X(second + 0.5), Y(value));
                if (last is { } from)
                {
                    image.Line(from.X, from.Y, at.X, at.Y, color, 2);
                }
                else
                {
                    image.FillRect(at.X - 1, at.Y - 1, 3, 3, color);
                }

                last = at;
            }
        }
    }
}
