namespace Fabricish.Ledger.State;

/// <summary>The state database could not be reached or failed transiently after retries. Nothing about the
/// ledger is wrong: the committer should wait and re-apply the same block (application is idempotent).</summary>
public sealed class StateDatabaseUnavailableException : Exception
{
    public StateDatabaseUnavailableException()
    {
    }

    public StateDatabaseUnavailableException(string message)
        : base(message)
    {
    }

    public StateDatabaseUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
