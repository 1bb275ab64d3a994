using Fabricish.Ledger.State;

namespace Fabricish.Committer.Tests.Support;

/// <summary>A state database whose writes can be made to fail, as when the peer crashes or CouchDB goes away between
/// appending a block and applying its state, or held part-way, to look at a commit in progress.</summary>
internal sealed class FailingStateDatabase(IStateDatabase inner) : IStateDatabase
{
    private int _applies;

    public bool FailApplies { get; set; }

    /// <summary>Completed when a write arrives while <see cref="HoldApplies"/> is set.</summary>
    public TaskCompletionSource ApplyReached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, writes wait for it before reaching the inner database.</summary>
    public Task? HoldApplies { get; set; }

    /// <summary>State writes that reached this database, failed ones included.</summary>
    public int Applies => Volatile.Read(ref _applies);

    public async Task ApplyUpdatesAsync(UpdateBatch batch, Height savepoint, CancellationToken cancellationToken = default, Action? afterStateWrite = null, bool deferSavepoint = false)
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

        await inner.ApplyUpdatesAsync(batch, savepoint, cancellationToken, afterStateWrite, deferSavepoint).ConfigureAwait(false);
    }

    public Task<VersionedValue?> GetStateAsync(string ns, string key, CancellationToken cancellationToken = default) => inner.GetStateAsync(ns, key, cancellationToken);

    public Task<IReadOnlyList<VersionedValue?>> GetStatesAsync(string ns, IReadOnlyList<string> keys, CancellationToken cancellationToken = default) =>
        inner.GetStatesAsync(ns, keys, cancellationToken);

    public Task<IReadOnlyDictionary<CompositeKey, Height>> GetVersionsAsync(IReadOnlyCollection<CompositeKey> keys, CancellationToken cancellationToken = default) =>
        inner.GetVersionsAsync(keys, cancellationToken);

    public IAsyncEnumerable<VersionedKV> GetStateRangeAsync(string ns, string startKey, string endKey, CancellationToken cancellationToken = default) =>
        inner.GetStateRangeAsync(ns, startKey, endKey, cancellationToken);

    public Task<ResultsPage> GetStateRangePageAsync(string ns, string startKey, string endKey, int pageSize, string bookmark = "", CancellationToken cancellationToken = default) =>
        inner.GetStateRangePageAsync(ns, startKey, endKey, pageSize, bookmark, cancellationToken);

    public IAsyncEnumerable<VersionedKV> ExecuteQueryAsync(string ns, string query, CancellationToken cancellationToken = default) =>
        inner.ExecuteQueryAsync(ns, query, cancellationToken);

    public Task<ResultsPage> ExecuteQueryPageAsync(string ns, string query, int pageSize, string bookmark = "", CancellationToken cancellationToken = default) =>
        inner.ExecuteQueryPageAsync(ns, query, pageSize, bookmark, cancellationToken);

    public Task<Height?> GetLatestSavepointAsync(CancellationToken cancellationToken = default) => inner.GetLatestSavepointAsync(cancellationToken);

    public Task CreateIndexAsync(string ns, string indexJson, CancellationToken cancellationToken = default) => inner.CreateIndexAsync(ns, indexJson, cancellationToken);

    public string? ValidateKeyValue(string key, byte[] value) => inner.ValidateKeyValue(key, value);
}
