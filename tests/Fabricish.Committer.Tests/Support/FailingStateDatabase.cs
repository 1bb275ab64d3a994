using Fabricish.Ledger.State;
using Fabricish.Testing.State;

namespace Fabricish.Committer.Tests.Support;

/// <summary>A state database whose writes can be made to fail, as when the peer crashes or CouchDB goes away between
/// appending a block and applying its state, or held part-way, to look at a commit in progress.</summary>
internal sealed class FailingStateDatabase(IStateDatabase inner) : ForwardingStateDatabase(inner)
{
    private int _applies;

    public bool FailApplies { get; set; }

    /// <summary>Completed when a write arrives while <see cref="HoldApplies"/> is set.</summary>
    public TaskCompletionSource ApplyReached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, writes wait for it before reaching the inner database.</summary>
    public Task? HoldApplies { get; set; }

    /// <summary>State writes that reached this database, failed ones included.</summary>
    public int Applies => Volatile.Read(ref _applies);

    public override async Task ApplyUpdatesAsync(UpdateBatch batch, Height savepoint, CancellationToken cancellationToken = default, Action? afterStateWrite = null, bool deferSavepoint = false)
    {
        Interlocked.Increment(ref _applies);
        if (HoldApplies is { } hold)
        {
            ApplyReached.TrySetResult();
            await hold.ConfigureAwait(false);
        }

        if (FailApplies)
        {
            throw new StateDatabaseUnavailableException("state database is down");
        }

        await base.ApplyUpdatesAsync(batch, savepoint, cancellationToken, afterStateWrite, deferSavepoint).ConfigureAwait(false);
    }
}
