namespace Fabricish.Committer.Validation;

/// <summary>How <see cref="TxValidator"/> spreads signature and policy checks over cores.</summary>
public sealed record TxValidationOptions
{
    /// <summary>Check a block's transactions concurrently (Fabric validates each in its own goroutine). Off gives the
    /// single-threaded baseline for benchmarks; results are identical either way.</summary>
    public bool Parallel { get; init; } = true;

    /// <summary>Upper bound on concurrent checks; -1 (or any value below 1) means one per processor, as Fabric's
    /// validatorPoolSize defaults to the number of CPUs.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}
