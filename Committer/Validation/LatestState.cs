using Fabricish.Ledger.State;

namespace Fabricish.Committer.Validation;

/// <summary>The committed value and metadata of every key a block writes, loaded in one call per namespace before the
/// block is judged, with the writes of earlier blocks still in the state write pipeline laid over it. Key-level
/// validation reads validation parameters from here (Fabric's StateFetcher: state before the block), and applying a
/// transaction merges from here what it leaves unchanged (Fabric's retrieveLatestState/Metadata).</summary>
internal sealed class LatestState
{
    public static readonly LatestState Empty = new(new Dictionary<CompositeKey, VersionedValue?>());

    private readonly Dictionary<CompositeKey, VersionedValue?> _committed;

    private LatestState(Dictionary<CompositeKey, VersionedValue?> committed) => _committed = committed;

    public static async Task<LatestState> LoadAsync(
        IStateDatabase state, Func<string, string, StateUpdate?>? pendingUpdate, IReadOnlyCollection<CompositeKey> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return Empty;
        }

        var committed = new Dictionary<CompositeKey, VersionedValue?>(keys.Count);
        var toRead = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (CompositeKey key in keys)
        {
            if (pendingUpdate?.Invoke(key.Namespace, key.Key) is { } pending)
            {
                committed[key] = pending.Value is null ? null : new VersionedValue(pending.Value, pending.Version, pending.Metadata);
                continue;
            }

            if (!toRead.TryGetValue(key.Namespace, out List<string>? nsKeys))
            {
                nsKeys = [];
                toRead[key.Namespace] = nsKeys;
            }

            nsKeys.Add(key.Key);
        }

        foreach ((string ns, List<string> nsKeys) in toRead)
        {
            IReadOnlyList<VersionedValue?> values = await state.GetStatesAsync(ns, nsKeys, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < nsKeys.Count; i++)
            {
                committed[new CompositeKey(ns, nsKeys[i])] = values[i];
            }
        }

        return new LatestState(committed);
    }

    /// <summary>The key's metadata as committed before this block (earlier blocks included), null when none.</summary>
    public byte[]? CommittedMetadata(string ns, string key) =>
        _committed.TryGetValue(new CompositeKey(ns, key), out VersionedValue? value) ? value?.Metadata : null;

    /// <summary>The key's value and metadata after the earlier transactions of this block; a null value when the key
    /// does not exist.</summary>
    public (byte[]? Value, byte[]? Metadata) Latest(UpdateBatch updates, string ns, string key)
    {
        if (updates.Get(ns, key) is { } update)
        {
            return (update.Value, update.IsDelete ? null : update.Metadata);
        }

        return _committed.TryGetValue(new CompositeKey(ns, key), out VersionedValue? value) && value is not null
            ? (value.Value, value.Metadata)
            : (null, null);
    }
}
