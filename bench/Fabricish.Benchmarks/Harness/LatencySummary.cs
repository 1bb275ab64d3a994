namespace Fabricish.Benchmarks.Harness;

/// <summary>Latency percentiles in milliseconds over <see cref="Samples"/> envelopes.</summary>
public sealed record LatencySummary(int Samples, double P50Ms, double P95Ms, double P99Ms, double MaxMs);
