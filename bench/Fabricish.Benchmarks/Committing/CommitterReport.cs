namespace Fabricish.Benchmarks.Committing;

/// <summary>Everything one <c>committer</c> benchmark run measured, serialised as the JSON report.</summary>
public sealed record CommitterReport
{
    public const double TargetTransactionsPerSecond = 5000;

    /// <summary>Per transaction: the client's envelope signature and the two endorsements.</summary>
    public const int VerifiesPerTransaction = 3;

    public required DateTimeOffset StartedAt { get; init; }

    public required string Machine { get; init; }

    /// <summary>/proc/loadavg at the start and the end: on a shared machine the figures are read against it.</summary>
    public required string LoadAverage { get; init; }

    public required string StateDatabase { get; init; }

    public required int TransactionsPerBlock { get; init; }

    public required int EnvelopeBytes { get; init; }

    public required int WarmupBlocks { get; init; }

    public required double BuildSeconds { get; init; }

    public required double VerifiesPerSecondOneThread { get; init; }

    public required double VerifiesPerSecondAllCores { get; init; }

    public double CryptoCeilingOneThread => VerifiesPerSecondOneThread / VerifiesPerTransaction;

    public double CryptoCeilingAllCores => VerifiesPerSecondAllCores / VerifiesPerTransaction;

    public required IReadOnlyList<CommitRunResult> Runs { get; init; }

    public bool TargetMet => Runs.Any(r => r.ParallelValidation && r.TransactionsPerSecond >= TargetTransactionsPerSecond);
}
