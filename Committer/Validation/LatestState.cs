using Fabricish.Ledger.State;

namespace Fabricish.Committer.Validation;

/// <summary>The committed value and metadata of every key a block writes (the block's one bulk state read, with the
/// writes of earlier blocks still in the state write pipeline laid over it). Key-level validation reads validation
/// parameters from here (Fabric's StateFetcher: state before the block), and applying a transaction merges from here
/// what it leaves unchanged (Fabric's retrieveLatestState/Metadata).</summary>
internal sealed class LatestState(Dictionary<CompositeKey, VersionedValue?> committed)
{
    public static readonly LatestState Empty = new([]);

    private readonly Dictionary<CompositeKey, VersionedValue?> _committed = committed;

    /// <summary>The committed state of <paramref name="keys"/>, for a block whose versions are not checked (recovery).</summary>
    public static async Task<LatestState> LoadAsync(IStateDatabase state, IReadOnlyCollection<CompositeKey> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return Empty;
        }

        IReadOnlyDictionary<CompositeKey, VersionedValue> loaded = await state.GetCommittedStatesAsync(keys, cancellationToken).ConfigureAwait(false);
        var committed = new Dictionary<CompositeKey, VersionedValue?>(loaded.Count);
        foreach ((CompositeKey key, VersionedValue value) in loaded)
        {
            committed[key] = value;
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
