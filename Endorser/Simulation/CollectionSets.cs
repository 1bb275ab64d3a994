using Fabricish.Channels.PrivateData;
using Fabricish.Ledger.State;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Google.Protobuf;

namespace Fabricish.Endorser.Simulation;

/// <summary>One collection's reads and writes in a simulation (Fabric's collHashRwBuilder and collPvtRwBuilder):
/// built into the hashed set that goes into the transaction and the private set that stays off the chain, both in
/// key order, the hashed set carrying the SHA-256 of the private set's marshalled KVRWSet.</summary>
internal sealed class CollectionSets
{
    public SortedDictionary<string, Height?> Reads { get; } = new(StateKeyOrder.Instance);

    /// <summary>A null value is a delete; a purge is a delete that also removes the key's history.</summary>
    public SortedDictionary<string, (byte[]? Value, bool Purge)> Writes { get; } = new(StateKeyOrder.Instance);

    /// <summary>Each key's metadata entries (none deletes the metadata), in name order.</summary>
    public SortedDictionary<string, KVMetadataEntry[]> MetadataWrites { get; } = new(StateKeyOrder.Instance);

    public (CollectionHashedReadWriteSet Hashed, CollectionPvtReadWriteSet? Private) Build(string collection)
    {
        var hashed = new HashedRWSet();
        foreach ((string key, Height? version) in Reads)
        {
            hashed.HashedReads.Add(new KVReadHash
            {
                KeyHash = ByteString.CopyFrom(PrivateDataKeys.KeyHash(key)),
                Version = version is { } v ? new Protos.Ledger.Rwset.Kvrwset.Version { BlockNum = v.BlockNum, TxNum = v.TxNum } : null,
            });
        }

        CollectionPvtReadWriteSet? pvt = null;
        if (Writes.Count > 0 || MetadataWrites.Count > 0)
        {
            var writes = new KVRWSet();
            foreach ((string key, (byte[]? value, bool purge)) in Writes)
            {
                writes.Writes.Add(value is null
                    ? new KVWrite { Key = key, IsDelete = true }
                    : new KVWrite { Key = key, Value = ByteString.CopyFrom(value) });
                hashed.HashedWrites.Add(new KVWriteHash
                {
                    KeyHash = ByteString.CopyFrom(PrivateDataKeys.KeyHash(key)),
                    IsDelete = value is null,
                    ValueHash = value is null ? ByteString.Empty : ByteString.CopyFrom(PrivateDataKeys.ValueHash(value)),
                    IsPurge = purge,
                });
            }

            foreach ((string key, KVMetadataEntry[] entries) in MetadataWrites)
            {
                // Fabric's private set names only the key: the metadata itself is kept by key hash.
                writes.MetadataWrites.Add(new KVMetadataWrite { Key = key });
                var hashedWrite = new KVMetadataWriteHash { KeyHash = ByteString.CopyFrom(PrivateDataKeys.KeyHash(key)) };
                hashedWrite.Entries.AddRange(entries);
                hashed.MetadataWrites.Add(hashedWrite);
            }

            pvt = new CollectionPvtReadWriteSet { CollectionName = collection, Rwset = writes.ToByteString() };
        }

        var set = new CollectionHashedReadWriteSet { CollectionName = collection, HashedRwset = hashed.ToByteString() };
        if (pvt is not null)
        {
            set.PvtRwsetHash = ByteString.CopyFrom(PrivateDataKeys.ValueHash(pvt.Rwset.Span));
        }

        return (set, pvt);
    }
}
