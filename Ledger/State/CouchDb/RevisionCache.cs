using System.Collections.Concurrent;

namespace Fabricish.Ledger.State.CouchDb;

/// <summary>Fabric's committed-data cache: document revisions learned while the committer loaded versions for
/// MVCC, and those the block's own _bulk_docs returned, so the next write of a key carries its _rev without another
/// round trip. It outlives a block because the committer validates the next block while this one is written: the
/// committer never asks the database about keys of a block still being written, so an entry is never replaced by a
/// staler one. A revision that went stale anyway (another writer) only costs a conflict and a reload.</summary>
internal sealed class RevisionCache
{
    /// <summary>Above this many entries the cache starts over; a miss costs one bulk read, not correctness.</summary>
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<CompositeKey, string?> revisions = new();

    /// <summary>Records a revision; null records that the key has no live document.</summary>
    public void Set(CompositeKey key, string? revision) => revisions[key] = revision;

    public bool TryGet(CompositeKey key, out string? revision) => revisions.TryGetValue(key, out revision);

    public void Clear() => revisions.Clear();

    public void TrimIfLarge()
    {
        if (revisions.Count > MaxEntries)
        {
            revisions.Clear();
        }
    }
}
