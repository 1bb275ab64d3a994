namespace Fabricish.Benchmarks.Chaos;

/// <summary>One fault of the suite: what it does to the network, how long it lasts, and how its operator undoes it
/// (the undo is the heal, not a recovery step: whatever else the network needs afterwards counts as a hand).</summary>
public interface IChaosFault
{
    string Name { get; }

    /// <summary>How long the fault stays before it is healed (zero for an attempt that is over at once).</summary>
    TimeSpan Hold { get; }

    /// <summary>Whether this fault needs each organization on a host of its own (<c>up --hosts netns</c>).</summary>
    bool NeedsHosts { get; }

    Task<FaultStep> InjectAsync(ChaosContext context, CancellationToken cancellationToken);

    Task<FaultStep> HealAsync(ChaosContext context, CancellationToken cancellationToken);
}
