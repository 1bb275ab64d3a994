namespace Fabricish.Ledger;

/// <summary>Another writer (in this process or another) holds the store's lock file. Two writers would
/// interleave records and corrupt the chain, so the second open is refused.</summary>
public sealed class BlockStoreLockedException : IOException
{
    public BlockStoreLockedException()
    {
    }

    public BlockStoreLockedException(string message)
        : base(message)
    {
    }

    public BlockStoreLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
