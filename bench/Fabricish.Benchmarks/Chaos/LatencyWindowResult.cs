namespace Fabricish.Benchmarks.Chaos;

/// <summary>One closed-loop window of the latency run: committed transactions per second and the median time from
/// proposal to commit on both peers.</summary>
public sealed record LatencyWindowResult(double PerSecond, double P50Ms);
