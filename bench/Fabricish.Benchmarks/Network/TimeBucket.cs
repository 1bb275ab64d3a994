namespace Fabricish.Benchmarks.Network;

/// <summary>One second of the run, by the time transactions finished: how many committed, were invalid or failed, and
/// the latency percentiles of those that committed (milliseconds; 0 when none did).</summary>
public sealed record TimeBucket(double Second, int Committed, int Invalid, int Failed, double EndToEndP50Ms, double EndToEndP99Ms, double EndorseP50Ms, double OrderP50Ms, double CommitP50Ms);
