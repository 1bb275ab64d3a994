namespace Fabricish.Committer;

/// <summary>How far the committer runs ahead of the state database.</summary>
public sealed record BlockCommitterOptions
{
    /// <summary>Blocks validated and appended whose state write has not finished yet. While one block's state is
    /// written, the next ones are validated; 0 makes <see cref="BlockCommitter.CommitAsync"/> wait for each block's
    /// own state write.</summary>
    public int MaxPendingStateWrites { get; init; } = 4;

    /// <summary>Queued blocks written in one state write (one _bulk_docs per namespace and one savepoint) when the
    /// state database falls behind.</summary>
    public int MaxBlocksPerStateWrite { get; init; } = 8;

    /// <summary>How many written blocks the stored savepoint may trail while further state writes wait: recording it
    /// is one more CouchDB request per write, so under load a write leaves it to the next one. A restart re-applies
    /// the blocks above the stored savepoint from the block store, which converges. 0 records it with every write, as
    /// Fabric does; once the queue is empty it is always recorded.</summary>
    public int MaxBlocksAheadOfSavepoint { get; init; } = 16;

    /// <summary>Test-only fault injection: called with the first and last block of a state write once their state
    /// is written and before the savepoint is; null (the default) outside crash tests.</summary>
    public Action<ulong, ulong>? AfterStateWrite { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxPendingStateWrites);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBlocksPerStateWrite);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxBlocksAheadOfSavepoint);
    }
}
