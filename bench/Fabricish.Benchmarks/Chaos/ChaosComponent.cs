namespace Fabricish.Benchmarks.Chaos;

/// <summary>One component of network.json: its address (host:port), its admin or operations address, and the network
/// namespace it runs in on a <c>--hosts netns</c> network.</summary>
public sealed record ChaosComponent(string Name, string Address, string? SecondaryAddress, string? Host);
