using System.Collections.Concurrent;
using Fabricish.Ledger.State;
using Fabricish.Testing.State;

namespace Fabricish.Committer.Tests.Support;

/// <summary>A state database in front of another that records each write it is asked for, as text: a state write
/// (<c>"3 @3:1"</c>: three updates, savepoint 3:1, with <c>" deferred"</c> when the stored savepoint is to stay where
/// it is) or a savepoint-only record (<c>"savepoint 3:1"</c>). A test can look at or hold each write before it reaches
/// the inner database, and swap the inner database (<see cref="ForwardingStateDatabase.Inner"/>).</summary>
internal sealed class RecordingStateDatabase(IStateDatabase inner) : ForwardingStateDatabase(inner)
{
    private readonly ConcurrentQueue<string> _writes = new();
    private readonly Lock _gate = new();
    private Height? _storedSavepoint;

    /// <summary>Called with each write once it is recorded and before it reaches the inner database; the write waits
    /// for the returned task.</summary>
    public Func<UpdateBatch, Height, bool, Task>? BeforeWrite { get; set; }

    public IReadOnlyList<string> Writes => [.. _writes];

    /// <summary>The savepoint a database that honours deferSavepoint holds on disk (the in-memory one records every
    /// savepoint it is given): the last one written without deferral.</summary>
    public Height? StoredSavepoint
    {
        get
        {
            lock (_gate)
            {
                return _storedSavepoint;
            }
        }
    }

    public override async Task ApplyUpdatesAsync(UpdateBatch batch, Height savepoint, CancellationToken cancellationToken = default, Action? afterStateWrite = null, bool deferSavepoint = false)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _writes.Enqueue(batch.Count == 0 && !deferSavepoint ? $"savepoint {savepoint}" : $"{batch.Count} @{savepoint}{(deferSavepoint ? " deferred" : "")}");
        if (BeforeWrite is { } before)
        {
            await before(batch, savepoint, deferSavepoint).ConfigureAwait(false);
        }

        await base.ApplyUpdatesAsync(batch, savepoint, cancellationToken, afterStateWrite, deferSavepoint).ConfigureAwait(false);
        if (!deferSavepoint)
        {
            lock (_gate)
            {
                _storedSavepoint = savepoint;
            }
        }
    }
}
