using System.Collections.Concurrent;

namespace Fabricish.Ledger.State.CouchDb;

/// <summary>Fabric's committed-data cache (statecouchdb's cache of versions and revisions): each key's document
/// revision and committed version as learned while the committer loaded versions for MVCC, and as the block's own
/// _bulk_docs returned them. The next write of a key then carries its _rev without another round trip, and the next
/// MVCC load of a key this peer wrote or loaded needs no read at all. It outlives a block because the committer
/// validates the next block while this one is written: the committer never asks the database about keys of a block
/// still being written, so an entry is never replaced by a staler one. As in Fabric the peer owns its state
/// database; a write that conflicts reveals another writer, and the whole cache is dropped then.</summary>
internal sealed class RevisionCache
{
    /// <summary>Above this many entries the cache starts over; a miss costs one bulk read, not correctness.</summary>
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<CompositeKey, Entry> entries = new();

    /// <summary>Records a revision whose document's version is not known; null records that the key has no live
    /// document (so no version either).</summary>
    public void SetRevision(CompositeKey key, string? revision) => entries[key] = new Entry(revision, null, revision is null);

    /// <summary>Records a committed document: its revision and version, both null when the key has no live
    /// document.</summary>
    public void SetCommitted(CompositeKey key, string? revision, Height? version) => entries[key] = new Entry(revision, version, true);

    public bool TryGet(CompositeKey key, out string? revision)
    {
        bool found = entries.TryGetValue(key, out Entry entry);
        revision = entry.Revision;
        return found;
    }

    /// <summary>The committed version of <paramref name="key"/> when known (null: no live document).</summary>
    public bool TryGetVersion(CompositeKey key, out Height? version)
    {
        bool found = entries.TryGetValue(key, out Entry entry) && entry.VersionKnown;
        version = entry.Version;
        return found;
    }

    public void Clear() => entries.Clear();

    public void TrimIfLarge()
    {
        if (entries.Count > MaxEntries)
        {
            entries.Clear();
        }
    }

    private readonly record struct Entry(string? Revision, Height? Version, bool VersionKnown);
}
