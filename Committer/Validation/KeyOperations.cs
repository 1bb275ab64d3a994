using Fabricish.Channels.PrivateData;
using Fabricish.Ledger.State;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Google.Protobuf.Collections;

namespace Fabricish.Committer.Validation;

/// <summary>Fabric's txOps (core/ledger/kvledger/txmgmt/validation/tx_ops.go): a valid transaction's value writes and
/// metadata writes per key, public and hashed, turned into updates at the transaction's height. A key whose value
/// alone changes keeps its latest metadata; a key whose metadata alone changes keeps its latest value (and gets the new
/// version), or stays absent when it does not exist; a delete removes both; a metadata write without entries deletes
/// the metadata.</summary>
internal static class KeyOperations
{
    public static void Apply(IReadOnlyList<NamespaceRwSet> rwSets, Height height, UpdateBatch updates, LatestState latest)
    {
        if (!HasMetadataWrites(rwSets))
        {
            // The common case: each key is written once (the builder keeps one write per key), so no per-key merge.
            ApplyValueWrites(rwSets, height, updates, latest);
            return;
        }

        var ops = new Dictionary<CompositeKey, Op>();
        foreach (NamespaceRwSet ns in rwSets)
        {
            foreach (KVWrite write in ns.KvRwSet.Writes)
            {
                AddWrite(ops, new CompositeKey(ns.Namespace, write.Key), write.IsDelete, write.Value.ToByteArray());
            }

            foreach (KVMetadataWrite write in ns.KvRwSet.MetadataWrites)
            {
                AddMetadata(ops, new CompositeKey(ns.Namespace, write.Key), write.Entries);
            }

            foreach (CollectionRwSet collection in ns.CollectionSets)
            {
                string hashedNs = PrivateDataKeys.HashedNamespace(ns.Namespace, collection.Collection);
                foreach (KVWriteHash write in collection.Hashed.HashedWrites)
                {
                    AddWrite(ops, new CompositeKey(hashedNs, PrivateDataKeys.HashedKey(write.KeyHash.Span)), write.IsDelete || write.IsPurge, write.ValueHash.ToByteArray());
                }

                foreach (KVMetadataWriteHash write in collection.Hashed.MetadataWrites)
                {
                    AddMetadata(ops, new CompositeKey(hashedNs, PrivateDataKeys.HashedKey(write.KeyHash.Span)), write.Entries);
                }
            }
        }

        foreach ((CompositeKey key, Op op) in ops)
        {
            if (op.Delete)
            {
                updates.Delete(key.Namespace, key.Key, height);
            }
            else if (op.Upsert && op.MetadataSet)
            {
                updates.Put(key.Namespace, key.Key, op.Value!, height, op.Metadata);
            }
            else if (op.Upsert)
            {
                updates.Put(key.Namespace, key.Key, op.Value!, height, latest.Latest(updates, key.Namespace, key.Key).Metadata);
            }
            else if (latest.Latest(updates, key.Namespace, key.Key).Value is { } value)
            {
                updates.Put(key.Namespace, key.Key, value, height, op.Metadata);
            }
        }
    }

    private static bool HasMetadataWrites(IReadOnlyList<NamespaceRwSet> rwSets)
    {
        foreach (NamespaceRwSet ns in rwSets)
        {
            if (ns.KvRwSet.MetadataWrites.Count > 0)
            {
                return true;
            }

            foreach (CollectionRwSet collection in ns.CollectionSets)
            {
                if (collection.Hashed.MetadataWrites.Count > 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void ApplyValueWrites(IReadOnlyList<NamespaceRwSet> rwSets, Height height, UpdateBatch updates, LatestState latest)
    {
        foreach (NamespaceRwSet ns in rwSets)
        {
            foreach (KVWrite write in ns.KvRwSet.Writes)
            {
                Put(updates, ns.Namespace, write.Key, write.IsDelete, write.Value, height, latest);
            }

            foreach (CollectionRwSet collection in ns.CollectionSets)
            {
                string hashedNs = PrivateDataKeys.HashedNamespace(ns.Namespace, collection.Collection);
                foreach (KVWriteHash write in collection.Hashed.HashedWrites)
                {
                    Put(updates, hashedNs, PrivateDataKeys.HashedKey(write.KeyHash.Span), write.IsDelete || write.IsPurge, write.ValueHash, height, latest);
                }
            }
        }
    }

    private static void Put(UpdateBatch updates, string ns, string key, bool delete, Google.Protobuf.ByteString value, Height height, LatestState latest)
    {
        if (delete)
        {
            updates.Delete(ns, key, height);
        }
        else
        {
            updates.Put(ns, key, value.ToByteArray(), height, latest.Latest(updates, ns, key).Metadata);
        }
    }

    /// <summary>The keys <see cref="Apply"/> and key-level validation need from state, public and hashed.</summary>
    public static void AddWrittenKeys(HashSet<CompositeKey> keys, IReadOnlyList<NamespaceRwSet> rwSets)
    {
        foreach (NamespaceRwSet ns in rwSets)
        {
            foreach (KVWrite write in ns.KvRwSet.Writes)
            {
                keys.Add(new CompositeKey(ns.Namespace, write.Key));
            }

            foreach (KVMetadataWrite write in ns.KvRwSet.MetadataWrites)
            {
                keys.Add(new CompositeKey(ns.Namespace, write.Key));
            }

            foreach (CollectionRwSet collection in ns.CollectionSets)
            {
                string hashedNs = PrivateDataKeys.HashedNamespace(ns.Namespace, collection.Collection);
                foreach (KVWriteHash write in collection.Hashed.HashedWrites)
                {
                    keys.Add(new CompositeKey(hashedNs, PrivateDataKeys.HashedKey(write.KeyHash.Span)));
                }

                foreach (KVMetadataWriteHash write in collection.Hashed.MetadataWrites)
                {
                    keys.Add(new CompositeKey(hashedNs, PrivateDataKeys.HashedKey(write.KeyHash.Span)));
                }
            }
        }
    }

    private static void AddWrite(Dictionary<CompositeKey, Op> ops, CompositeKey key, bool delete, byte[] value)
    {
        Op op = ops.GetValueOrDefault(key);
        ops[key] = delete ? op with { Delete = true } : op with { Upsert = true, Value = value };
    }

    private static void AddMetadata(Dictionary<CompositeKey, Op> ops, CompositeKey key, RepeatedField<KVMetadataEntry> entries) =>
        ops[key] = ops.GetValueOrDefault(key) with { MetadataSet = true, Metadata = entries.Count == 0 ? null : KeyMetadata.Serialize(entries) };

    /// <summary>What one transaction does to one key; <see cref="Metadata"/> null with <see cref="MetadataSet"/> deletes it.</summary>
    private readonly record struct Op(bool Upsert, byte[]? Value, bool Delete, bool MetadataSet, byte[]? Metadata);
}
