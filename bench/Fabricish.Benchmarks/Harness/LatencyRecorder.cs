using System.Diagnostics;

namespace Fabricish.Benchmarks.Harness;

/// <summary>Latency samples in milliseconds, recorded by the single block-watcher thread; percentiles by sorting
/// once at the end (a few hundred thousand floats).</summary>
public sealed class LatencyRecorder
{
    private readonly List<float> _samples = [];

    public int Count => _samples.Count;

    public void Add(long fromTimestamp, long toTimestamp) =>
        _samples.Add((float)((toTimestamp - fromTimestamp) * 1000.0 / Stopwatch.Frequency));

    /// <summary>p50, p95, p99 and max in milliseconds; zeros when nothing was recorded.</summary>
    public LatencySummary Summarize()
    {
        if (_samples.Count == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0);
        }

        float[] sorted = [.. _samples];
        Array.Sort(sorted);
        return new LatencySummary(
            sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted[^1]);
    }

    private static double Percentile(float[] sorted, double p) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
