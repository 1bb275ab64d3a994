using Fabricish.Ledger.State;

namespace Fabricish.Testing.State;

/// <summary>Passes every call on to another state database; test doubles and bench probes derive from it and override
/// only the calls they watch, hold, time or fail.</summary>
public abstract class ForwardingStateDatabase(IStateDatabase inner) : IStateDatabase
{
    private IStateDatabase _inner = inner;

    /// <summary>Where calls go; replaceable, as a restarted peer finds whatever its database held at a crash.</summary>
    public IStateDatabase Inner
    {
        get => Volatile.Read(ref _inner);
        set => Volatile.Write(ref _inner, value);
    }

    public virtual Task ApplyUpdatesAsync(UpdateBatch batch, Height savepoint, CancellationToken cancellationToken = default, Action? afterStateWrite = null, bool deferSavepoint = false) =>
        Inner.ApplyUpdatesAsync(batch, savepoint, cancellationToken, afterStateWrite, deferSavepoint);

    public virtual Task<VersionedValue?> GetStateAsync(string ns, string key, CancellationToken cancellationToken = default) => Inner.GetStateAsync(ns, key, cancellationToken);

    public virtual Task<IReadOnlyList<VersionedValue?>> GetStatesAsync(string ns, IReadOnlyList<string> keys, CancellationToken cancellationToken = default) =>
        Inner.GetStatesAsync(ns, keys, cancellationToken);

    public virtual Task<IReadOnlyDictionary<CompositeKey, Height>> GetVersionsAsync(IReadOnlyCollection<CompositeKey> keys, CancellationToken cancellationToken = default) =>
        Inner.GetVersionsAsync(keys, cancellationToken);

    public virtual Task<IReadOnlyDictionary<CompositeKey, VersionedValue>> GetCommittedStatesAsync(IReadOnlyCollection<CompositeKey> keys, CancellationToken cancellationToken = default) =>
        Inner.GetCommittedStatesAsync(keys, cancellationToken);

    public virtual IAsyncEnumerable<VersionedKV> GetStateRangeAsync(string ns, string startKey, string endKey, CancellationToken cancellationToken = default) =>
        Inner.GetStateRangeAsync(ns, startKey, endKey, cancellationToken);

    public virtual Task<ResultsPage> GetStateRangePageAsync(string ns, string startKey, string endKey, int pageSize, string bookmark = "", CancellationToken cancellationToken = default) =>
        Inner.GetStateRangePageAsync(ns, startKey, endKey, pageSize, bookmark, cancellationToken);

    public virtual IAsyncEnumerable<VersionedKV> ExecuteQueryAsync(string ns, string query, CancellationToken cancellationToken = default) =>
        Inner.ExecuteQueryAsync(ns, query, cancellationToken);

    public virtual Task<ResultsPage> ExecuteQueryPageAsync(string ns, string query, int pageSize, string bookmark = "", CancellationToken cancellationToken = default) =>
        Inner.ExecuteQueryPageAsync(ns, query, pageSize, bookmark, cancellationToken);

    public virtual Task<Height?> GetLatestSavepointAsync(CancellationToken cancellationToken = default) => Inner.GetLatestSavepointAsync(cancellationToken);

    public virtual Task CreateIndexAsync(string ns, string indexJson, CancellationToken cancellationToken = default) => Inner.CreateIndexAsync(ns, indexJson, cancellationToken);

    public virtual string? ValidateKeyValue(string key, byte[] value) => Inner.ValidateKeyValue(key, value);
}
