using System.Diagnostics;
using Fabricish.Ledger.State;
using Fabricish.Testing.State;

namespace Fabricish.Benchmarks.Committing;

/// <summary>Passes everything to the real state database and adds up the time the committer spends in its two
/// calls per block: the block's state load (GetCommittedStatesAsync, one bulk read of versions, values and metadata) and the commit (ApplyUpdatesAsync,
/// _bulk_docs per namespace, then the savepoint unless it is left to the next write). Each kind of call is made by
/// one task at a time (the committer loads versions, its state-write pipeline writes), so plain sums do; with the
/// pipeline the two overlap.</summary>
internal sealed class TimedStateDatabase(IStateDatabase inner) : ForwardingStateDatabase(inner)
{
    private long _loadTicks;
    private long _applyTicks;

    public TimeSpan VersionLoad => Stopwatch.GetElapsedTime(0, _loadTicks);

    public TimeSpan BulkWrite => Stopwatch.GetElapsedTime(0, _applyTicks);

    /// <summary>State writes since the last reset: fewer than blocks when queued blocks were written together.</summary>
    public int Writes { get; private set; }

    /// <summary>Savepoints stored since the last reset: fewer than writes while writes queue up behind each other.</summary>
    public int SavepointsRecorded { get; private set; }

    public void Reset()
    {
        _loadTicks = 0;
        _applyTicks = 0;
        Writes = 0;
        SavepointsRecorded = 0;
    }

    public override async Task ApplyUpdatesAsync(UpdateBatch batch, Height savepoint, CancellationToken cancellationToken = default, Action? afterStateWrite = null, bool deferSavepoint = false)
    {
        long start = Stopwatch.GetTimestamp();
        await base.ApplyUpdatesAsync(batch, savepoint, cancellationToken, afterStateWrite, deferSavepoint).ConfigureAwait(false);
        _applyTicks += Stopwatch.GetTimestamp() - start;
        Writes += batch.GetUpdatedNamespaces().Count > 0 ? 1 : 0;
        SavepointsRecorded += deferSavepoint ? 0 : 1;
    }

    public override async Task<IReadOnlyDictionary<CompositeKey, VersionedValue>> GetCommittedStatesAsync(IReadOnlyCollection<CompositeKey> keys, CancellationToken cancellationToken = default)
    {
        long start = Stopwatch.GetTimestamp();
        IReadOnlyDictionary<CompositeKey, VersionedValue> states = await base.GetCommittedStatesAsync(keys, cancellationToken).ConfigureAwait(false);
        _loadTicks += Stopwatch.GetTimestamp() - start;
        return states;
    }
}
