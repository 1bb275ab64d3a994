namespace Fabricish.Benchmarks.Chaos;

/// <summary>What a fault acts on and reports to.</summary>
public sealed record ChaosContext(ChaosNetwork Network, ChaosLoad Load, ChaosOptions Options, TextWriter Progress);
