using Fabricish.Protos.Ledger.Rwset.Kvrwset;

namespace Fabricish.Committer.Validation;

/// <summary>One namespace's public reads, range queries and writes from a transaction, and its collections' hashed
/// read-write sets, parsed once during validation and reused by MVCC and the state update.</summary>
public sealed record NamespaceRwSet(string Namespace, KVRWSet KvRwSet, IReadOnlyList<CollectionRwSet>? Collections = null)
{
    public IReadOnlyList<CollectionRwSet> CollectionSets => Collections ?? [];
}
