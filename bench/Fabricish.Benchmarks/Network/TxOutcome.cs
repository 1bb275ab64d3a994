namespace Fabricish.Benchmarks.Network;

/// <summary>How a bench transaction ended; every started transaction ends in exactly one of these.</summary>
public enum TxOutcome
{
    /// <summary>Not finished yet.</summary>
    Pending,

    /// <summary>Committed VALID on every peer (for the query workload: evaluated).</summary>
    Committed,

    /// <summary>Committed on every peer with a validation code other than VALID.</summary>
    Invalid,

    /// <summary>Endorse or submit refused, or not committed on every peer within the time limit.</summary>
    Failed,
}
