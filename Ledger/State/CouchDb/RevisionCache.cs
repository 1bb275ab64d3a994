using System.Collections.Concurrent;

namespace Fabricish.Ledger.State.CouchDb;

/// <summary>Fabric's committed-data cache: document revisions learned while the committer loaded versions for
/// MVCC, so the block's _bulk_docs can carry each _rev without another round trip. It lives for one block and
/// is cleared after the commit; a revision that went stale meanwhile only costs a conflict and a reload.</summary>
internal sealed class RevisionCache
{
    private readonly ConcurrentDictionary<CompositeKey, string?> revisions = new();

    /// <summary>Records a revision; null records that the key has no live document.</summary>
    public void Set(CompositeKey key, string? revision) => revisions[key] = revision;

    public bool TryGet(CompositeKey key, out string? revision) => revisions.TryGetValue(key, out revision);

    public void Clear() => revisions.Clear();
}
