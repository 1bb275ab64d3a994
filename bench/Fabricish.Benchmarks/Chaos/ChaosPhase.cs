using System.Diagnostics;

namespace Fabricish.Benchmarks.Chaos;

/// <summary>One fault's stretch of the run on the Stopwatch clock: started (transactions started from here on belong to
/// it), injected, healed, ended; what each step did, and how the network came back.</summary>
public sealed class ChaosPhase(string fault)
{
    public string Fault { get; } = fault;

    public long Start { get; set; } = Stopwatch.GetTimestamp();

    public long Injected { get; set; }

    public long Healed { get; set; }

    public long End { get; set; }

    /// <summary>What was done to the network: the injection and the heal.</summary>
    public List<string> Actions { get; } = [];

    /// <summary>What came of it, besides the counts.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>An injection or heal that did not go as it must (a tamper attempt that got through counts).</summary>
    public bool StepFailed { get; set; }

    /// <summary>"no" when the network recovered by itself after the heal; otherwise what a hand had to do.</summary>
    public string Hand { get; set; } = "no";

    public bool Recovered { get; set; } = true;

    /// <summary>Seconds from the heal until every peer reached the height the orderers had at the heal.</summary>
    public double? CatchUpSeconds { get; set; }

    /// <summary>The most <see cref="CatchUpSeconds"/> may be for the fault to pass (the partition's 10 s).</summary>
    public double? CatchUpLimitSeconds { get; set; }

    /// <summary>Not run, and why (a network fault on a single-host network).</summary>
    public string? Skipped { get; set; }

    /// <summary>The latency run's two windows: without, then with the delay.</summary>
    public (LatencyWindowResult Plain, LatencyWindowResult Delayed)? LatencyWindows { get; set; }

    public bool Contains(long timestamp) => timestamp >= Start && timestamp < End;
}
