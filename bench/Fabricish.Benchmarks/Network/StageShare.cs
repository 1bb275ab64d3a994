namespace Fabricish.Benchmarks.Network;

/// <summary>Mean time a committed transaction spent in one step, and that step's share of the mean end-to-end time.</summary>
public sealed record StageShare(string Stage, double MeanMs, double Share);
