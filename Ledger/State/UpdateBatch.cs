namespace Fabricish.Ledger.State;

/// <summary>Fabric's statedb.UpdateBatch: the writes and deletes a block's valid transactions make, per namespace.
/// A later update of the same key replaces an earlier one, so the batch holds each key's final state.</summary>
public sealed class UpdateBatch
{
    private static readonly IReadOnlyDictionary<string, StateUpdate> EmptyUpdates = new Dictionary<string, StateUpdate>();

    private readonly SortedDictionary<string, SortedDictionary<string, StateUpdate>> _updates = new(StringComparer.Ordinal);

    public int Count => _updates.Values.Sum(u => u.Count);

    public void Put(string ns, string key, byte[] value, Height version, byte[]? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        Namespace(ns)[key] = new StateUpdate(value, version, metadata);
    }

    public void Delete(string ns, string key, Height version) => Namespace(ns)[key] = new StateUpdate(null, version);

    /// <summary>Records an update as is, replacing any earlier one of the key (merging consecutive blocks' batches).</summary>
    public void Set(string ns, string key, StateUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        Namespace(ns)[key] = update;
    }

    public StateUpdate? Get(string ns, string key) =>
        _updates.TryGetValue(ns, out var nsUpdates) && nsUpdates.TryGetValue(key, out var update) ? update : null;

    public bool Exists(string ns, string key) => Get(ns, key) is not null;

    public IReadOnlyCollection<string> GetUpdatedNamespaces() => _updates.Keys;

    /// <summary>The namespace's updates in key order; empty when the namespace is not touched.</summary>
    public IReadOnlyDictionary<string, StateUpdate> GetUpdates(string ns) =>
        _updates.TryGetValue(ns, out var nsUpdates) ? nsUpdates : EmptyUpdates;

    private SortedDictionary<string, StateUpdate> Namespace(string ns)
    {
        ArgumentException.ThrowIfNullOrEmpty(ns);
        if (!_updates.TryGetValue(ns, out var nsUpdates))
        {
            nsUpdates = new SortedDictionary<string, StateUpdate>(StateKeyOrder.Instance);
            _updates[ns] = nsUpdates;
        }

        return nsUpdates;
    }
}
