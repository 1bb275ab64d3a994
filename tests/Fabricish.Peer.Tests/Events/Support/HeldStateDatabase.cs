using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;

namespace Fabricish.Peer.Tests.Events.Support;

/// <summary>An in-memory state database whose writes can be held at the door, as a slow CouchDB would keep a block's
/// state write in progress, or slowed by a delay.</summary>
internal sealed class HeldStateDatabase : IStateDatabase
{
    private readonly InMemoryStateDatabase _inner = new();

    /// <summary>When set, writes wait for it before reaching the database.</summary>
    public Task? Hold { get; set; }

    /// <summary>Added before every write.</summary>
    public TimeSpan Delay { get; set; }

    public async Task ApplyUpdatesAsync(UpdateBatch batch, Height savepoint, CancellationToken cancellationToken = default, Action? afterStateWrite = null, bool deferSavepoint = false)
    {
        if (Hold is { } hold)
        {
            await hold.ConfigureAwait(false);
        }

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken).ConfigureAwait(false);
        }

        await _inner.ApplyUpdatesAsync(batch, savepoint, cancellationToken, afterStateWrite, deferSavepoint).ConfigureAwait(false);
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
