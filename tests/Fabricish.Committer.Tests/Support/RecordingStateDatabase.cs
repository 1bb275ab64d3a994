using System.Collections.Concurrent;
using Fabricish.Ledger.State;

namespace Fabricish.Committer.Tests.Support;

/// <summary>A state database in front of another that records each write it is asked for, as text: a state write
/// (<c>"3 @3:1"</c>: three updates, savepoint 3:1, with <c>" deferred"</c> when the stored savepoint is to stay where
/// it is) or a savepoint-only record (<c>"savepoint 3:1"</c>). A test can look at or hold each write before it reaches
/// the inner database, and swap the inner database, as a restarted peer finds whatever its disk held at a crash.</summary>
internal sealed class RecordingStateDatabase(IStateDatabase inner) : IStateDatabase
{
    private readonly ConcurrentQueue<string> _writes = new();
    private volatile IStateDatabase _inner = inner;
    private readonly Lock _gate = new();
    private Height? _storedSavepoint;

    public IStateDatabase Inner
    {
        get => _inner;
        set => _inner = value;
    }

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

    public async Task ApplyUpdatesAsync(UpdateBatch batch, Height savepoint, CancellationToken cancellationToken = default, Action? afterStateWrite = null, bool deferSavepoint = false)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _writes.Enqueue(batch.Count == 0 && !deferSavepoint ? $"savepoint {savepoint}" : $"{batch.Count} @{savepoint}{(deferSavepoint ? " deferred" : "")}");
        if (BeforeWrite is { } before)
        {
            await before(batch, savepoint, deferSavepoint).ConfigureAwait(false);
        }

        await _inner.ApplyUpdatesAsync(batch, savepoint, cancellationToken, afterStateWrite, deferSavepoint).ConfigureAwait(false);
        if (!deferSavepoint)
        {
            lock (_gate)
            {
                _storedSavepoint = savepoint;
            }
        }
    }

    public Task<VersionedValue?> GetStateAsync(string ns, string key, CancellationToken cancellationToken = default) => _inner.GetStateAsync(ns, key, cancellationToken);

    public Task<IReadOnlyList<VersionedValue?>> GetStatesAsync(string ns, IReadOnlyList<string> keys, CancellationToken cancellationToken = default) =>
        _inner.GetStatesAsync(ns, keys, cancellationToken);

    public Task<IReadOnlyDictionary<CompositeKey, Height>> GetVersionsAsync(IReadOnlyCollection<CompositeKey> keys, CancellationToken cancellationToken = default) =>
        _inner.GetVersionsAsync(keys, cancellationToken);

    public IAsyncEnumerable<VersionedKV> GetStateRangeAsync(string ns, string startKey, string endKey, CancellationToken cancellationToken = default) =>
        _inner.GetStateRangeAsync(ns, startKey, endKey, cancellationToken);

    public Task<ResultsPage> GetStateRangePageAsync(string ns, string startKey, string endKey, int pageSize, string bookmark = "", CancellationToken cancellationToken = default) =>
        _inner.GetStateRangePageAsync(ns, startKey, endKey, pageSize, bookmark, cancellationToken);

    public IAsyncEnumerable<VersionedKV> ExecuteQueryAsync(string ns, string query, CancellationToken cancellationToken = default) =>
        _inner.ExecuteQueryAsync(ns, query, cancellationToken);

    public Task<ResultsPage> ExecuteQueryPageAsync(string ns, string query, int pageSize, string bookmark = "", CancellationToken cancellationToken = default) =>
        _inner.ExecuteQueryPageAsync(ns, query, pageSize, bookmark, cancellationToken);

    public Task<Height?> GetLatestSavepointAsync(CancellationToken cancellationToken = default) => _inner.GetLatestSavepointAsync(cancellationToken);

    public Task CreateIndexAsync(string ns, string indexJson, CancellationToken cancellationToken = default) => _inner.CreateIndexAsync(ns, indexJson, cancellationToken);

    public string? ValidateKeyValue(string key, byte[] value) => _inner.ValidateKeyValue(key, value);
}
