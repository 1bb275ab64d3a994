using Fabricish.Ledger;
using Fabricish.Ledger.History;
using Fabricish.Ledger.State;
using Microsoft.Extensions.Logging;

namespace Fabricish.Committer.Pipeline;

/// <summary>Writes appended blocks' state in block order on its own task, so the committer validates the next block
/// while the state database takes this one. The committer appends blocks without waiting for the disk; each write
/// first makes its blocks durable in the block store (one fsync for all of them), so state never runs ahead of the
/// durable chain. Blocks queued behind a write go in the next write together (one savepoint naming the last of them,
/// written after all their state); while a further write already waits, the savepoint is left to it
/// (<see cref="BlockCommitterOptions.MaxBlocksAheadOfSavepoint"/>). Blocks leave the queue only once their state is
/// durable, so MVCC of a later block reads their writes from here rather than from a database that may not have them
/// yet. Their history goes to the history database once their state is durable, so history never names a block
/// whose state is not committed. A failed write stops the pipeline with the fault; recovery replays the block store
/// (state, then history) and starts a new one.</summary>
internal sealed class StateWritePipeline
{
    private readonly IStateDatabase _state;
    private readonly BlockStore _blocks;
    private readonly HistoryDatabase _history;
    private readonly StateCommitLock? _commitLock;
    private readonly CommitProgress _progress;
    private readonly BlockCommitterOptions _options;
    private readonly StateListeners _listeners;
    private readonly ILogger _logger;
    private readonly Action<ulong>? _savepointRecorded;
    private readonly Lock _gate = new();
    private readonly List<PendingStateWrite> _queue = [];
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Task _writing;
    private volatile bool _stopping;

    // Blocks whose state is written while the stored savepoint still names an earlier block (write task only).
    private int _unrecordedBlocks;

    public StateWritePipeline(
        IStateDatabase state, BlockStore blocks, StateCommitLock? commitLock, CommitProgress progress, BlockCommitterOptions options, StateListeners listeners, ILogger logger,
        Action<ulong>? savepointRecorded = null)
    {
        _savepointRecorded = savepointRecorded;
        _state = state;
        _blocks = blocks;
        _history = blocks.History;
        _commitLock = commitLock;
        _progress = progress;
        _options = options;
        _listeners = listeners;
        _logger = logger;
        _writing = Task.Run(WriteLoopAsync);
    }

    /// <summary>Queues a block behind those already queued, first waiting while the queue is full.</summary>
    public async Task EnqueueAsync(PendingStateWrite write, CancellationToken cancellationToken)
    {
        int limit = Math.Max(1, _options.MaxPendingStateWrites);
        while (true)
        {
            Task changed = _progress.Changed;
            ThrowIfFaulted();
            lock (_gate)
            {
                if (_queue.Count < limit)
                {
                    _queue.Add(write);
                    break;
                }
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        _wake.Release();
        if (_options.MaxPendingStateWrites == 0)
        {
            await _progress.WaitForAsync(write.Number + 1, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The latest queued update of a key, or null when no queued block writes it.</summary>
    public StateUpdate? PendingUpdate(string ns, string key)
    {
        lock (_gate)
        {
            for (int i = _queue.Count - 1; i >= 0; i--)
            {
                if (_queue[i].Updates.Get(ns, key) is { } update)
                {
                    return update;
                }
            }
        }

        return null;
    }

    public bool IsEmpty
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count == 0;
            }
        }
    }

    /// <summary>Waits until every queued block's state is written.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed = _progress.Changed;
            ThrowIfFaulted();
            if (IsEmpty)
            {
                return;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes what is queued (unless a write already failed), then ends the write task.</summary>
    public Task StopAsync()
    {
        _stopping = true;
        _wake.Release();
        return _writing;
    }

    private void ThrowIfFaulted()
    {
        if (_progress.Fault is { } fault)
        {
            throw new InvalidOperationException($"an earlier state write failed, call RecoverAsync once the state database is back: {fault.Message}", fault);
        }
    }

    private async Task WriteLoopAsync()
    {
        while (true)
        {
            PendingStateWrite[] writes;
            lock (_gate)
            {
                writes = [.. _queue.GetRange(0, Math.Min(_queue.Count, _options.MaxBlocksPerStateWrite))];
            }

            if (writes.Length == 0)
            {
                if (_stopping)
                {
                    return;
                }

                await _wake.WaitAsync().ConfigureAwait(false);
                continue;
            }

            try
            {
                await WriteAsync(writes).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                CommitterLog.StateWriteFailed(_logger, writes[0].Number, writes[^1].Number, e.Message);
                _progress.Fail(e);
                return;
            }

            // Listeners first: whoever sees the height advance (a drain before validating the next block, a client told
            // its transaction committed) must find their views (chaincode definitions) already up to date.
            foreach (PendingStateWrite write in writes)
            {
                _listeners.Notify(write.Number, write.Updates);
            }

            lock (_gate)
            {
                _queue.RemoveRange(0, writes.Length);
            }

            _progress.Advance(writes[^1].Number + 1);
        }
    }

    private async Task WriteAsync(PendingStateWrite[] writes)
    {
        UpdateBatch batch = writes.Length == 1 ? writes[0].Updates : Merge(writes);
        ulong first = writes[0].Number;
        ulong last = writes[^1].Number;
        Action? afterStateWrite = _options.AfterStateWrite is { } hook ? () => hook(first, last) : null;
        _blocks.Sync();

        // Simulations never read a state half way through a write (Fabric's commitRWLock around the state commit).
        Height savepoint = writes[^1].Savepoint;
        using (StateCommitLockHandle? held = _commitLock is null ? null : await _commitLock.EnterWriteAsync().ConfigureAwait(false))
        {
            await _state.ApplyUpdatesAsync(batch, savepoint, CancellationToken.None, afterStateWrite, deferSavepoint: true).ConfigureAwait(false);
        }

        _unrecordedBlocks += writes.Length;
        bool nextWriteWaits;
        lock (_gate)
        {
            nextWriteWaits = _queue.Count > writes.Length;
        }

        // A savepoint is a request of its own, as costly to CouchDB as a small bulk write: while the next write already
        // waits, that one's savepoint covers these blocks too. Bounded, so a restart under load re-applies few blocks.
        if (!nextWriteWaits || _unrecordedBlocks >= _options.MaxBlocksAheadOfSavepoint)
        {
            await _state.ApplyUpdatesAsync(new UpdateBatch(), savepoint, CancellationToken.None).ConfigureAwait(false);
            _unrecordedBlocks = 0;
            _savepointRecorded?.Invoke(savepoint.BlockNum);
        }

        var history = new HistoryBlock[writes.Length];
        for (int i = 0; i < writes.Length; i++)
        {
            history[i] = writes[i].History;
        }

        _history.Commit(history);
    }

    /// <summary>Consecutive blocks' updates as one batch: a later block's update of a key replaces an earlier one's,
    /// as applying them one by one would leave it.</summary>
    private static UpdateBatch Merge(PendingStateWrite[] writes)
    {
        var merged = new UpdateBatch();
        foreach (PendingStateWrite write in writes)
        {
            foreach (string ns in write.Updates.GetUpdatedNamespaces())
            {
                foreach ((string key, StateUpdate update) in write.Updates.GetUpdates(ns))
                {
                    merged.Set(ns, key, update);
                }
            }
        }

        return merged;
    }
}
