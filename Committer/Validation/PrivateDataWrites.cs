using Fabricish.Channels.PrivateData;
using Fabricish.Ledger.State;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;

namespace Fabricish.Committer.Validation;

/// <summary>The hashed side of private data at commit, which every peer of the channel handles alike (Fabric's
/// privacyenabledstate with hashed keys): a hashed read must still match the committed version of the key hash in
/// <c>&lt;ns&gt;$$h&lt;coll&gt;</c>; a valid transaction's hashed writes are applied there by <see cref="KeyOperations"/>.</summary>
internal static class PrivateDataWrites
{
    public static void AddHashedKeys(HashSet<CompositeKey> keys, NamespaceRwSet ns)
    {
        foreach (CollectionRwSet collection in ns.CollectionSets)
        {
            string hashedNs = PrivateDataKeys.HashedNamespace(ns.Namespace, collection.Collection);
            foreach (KVReadHash read in collection.Hashed.HashedReads)
            {
                keys.Add(new CompositeKey(hashedNs, PrivateDataKeys.HashedKey(read.KeyHash.Span)));
            }

            foreach (KVWriteHash write in collection.Hashed.HashedWrites)
            {
                keys.Add(new CompositeKey(hashedNs, PrivateDataKeys.HashedKey(write.KeyHash.Span)));
            }
        }
    }

    public static bool HashedReadsAreCurrent(NamespaceRwSet ns, Dictionary<CompositeKey, VersionedValue?> committed, UpdateBatch updates)
    {
        foreach (CollectionRwSet collection in ns.CollectionSets)
        {
            string hashedNs = PrivateDataKeys.HashedNamespace(ns.Namespace, collection.Collection);
            foreach (KVReadHash read in collection.Hashed.HashedReads)
            {
                string key = PrivateDataKeys.HashedKey(read.KeyHash.Span);
                if (updates.Exists(hashedNs, key) || !MvccValidator.IsCommittedVersion(committed, new CompositeKey(hashedNs, key), read.Version))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
