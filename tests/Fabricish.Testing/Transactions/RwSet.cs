using Fabricish.Channels.PrivateData;
using Fabricish.Ledger.State;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Google.Protobuf;

namespace Fabricish.Testing.Transactions;

/// <summary>Builds a simulated read-write set for one namespace, as the endorser's simulator records it.</summary>
public sealed class RwSet(string ns = TestNetwork.Chaincode)
{
    private readonly KVRWSet _kv = new();
    private readonly SortedDictionary<string, KVRWSet> _private = new(StringComparer.Ordinal);

    /// <param name="version">The version read; null: the key was absent.</param>
    public RwSet Read(string key, Height? version)
    {
        _kv.Reads.Add(new KVRead { Key = key, Version = version is { } v ? Version(v) : null });
        return this;
    }

    public RwSet Write(string key, string value) => Write(key, ByteString.CopyFromUtf8(value));

    public RwSet Write(string key, ByteString value)
    {
        _kv.Writes.Add(new KVWrite { Key = key, Value = value });
        return this;
    }

    public RwSet Delete(string key)
    {
        _kv.Writes.Add(new KVWrite { Key = key, IsDelete = true });
        return this;
    }

    /// <summary>A metadata write replacing the key's metadata; no entries deletes it.</summary>
    public RwSet WriteMetadata(string key, params (string Name, byte[] Value)[] entries)
    {
        var write = new KVMetadataWrite { Key = key };
        write.Entries.AddRange(entries.Select(e => new KVMetadataEntry { Name = e.Name, Value = ByteString.CopyFrom(e.Value) }));
        _kv.MetadataWrites.Add(write);
        return this;
    }

    public RwSet Range(string start, string end, bool exhausted, params (string Key, Height Version)[] results)
    {
        var reads = new QueryReads();
        reads.KvReads.AddRange(results.Select(r => new KVRead { Key = r.Key, Version = Version(r.Version) }));
        _kv.RangeQueriesInfo.Add(new RangeQueryInfo { StartKey = start, EndKey = end, ItrExhausted = exhausted, RawReads = reads });
        return this;
    }

    public RwSet RangeSummary(string start, string end, QueryReadsMerkleSummary summary)
    {
        _kv.RangeQueriesInfo.Add(new RangeQueryInfo { StartKey = start, EndKey = end, ItrExhausted = true, ReadsMerkleHashes = summary });
        return this;
    }

    /// <summary>A write to a private data collection: its hashes go in the transaction, the value in
    /// <see cref="BuildPrivate"/>.</summary>
    public RwSet PrivateWrite(string collection, string key, string value)
    {
        Private(collection).Writes.Add(new KVWrite { Key = key, Value = ByteString.CopyFromUtf8(value) });
        return this;
    }

    /// <summary>A metadata write on a private key, replacing its metadata.</summary>
    public RwSet PrivateMetadataWrite(string collection, string key, params (string Name, byte[] Value)[] entries)
    {
        var write = new KVMetadataWrite { Key = key };
        write.Entries.AddRange(entries.Select(e => new KVMetadataEntry { Name = e.Name, Value = ByteString.CopyFrom(e.Value) }));
        Private(collection).MetadataWrites.Add(write);
        return this;
    }

    public TxReadWriteSet Build()
    {
        var set = new TxReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv };
        var nsSet = new NsReadWriteSet { Namespace = ns, Rwset = _kv.ToByteString() };
        foreach ((string collection, KVRWSet writes) in _private)
        {
            var hashed = new HashedRWSet();
            hashed.HashedWrites.AddRange(writes.Writes.Select(w => new KVWriteHash
            {
                KeyHash = ByteString.CopyFrom(PrivateDataKeys.KeyHash(w.Key)),
                ValueHash = ByteString.CopyFrom(PrivateDataKeys.ValueHash(w.Value.Span)),
            }));
            hashed.MetadataWrites.AddRange(writes.MetadataWrites.Select(w => new KVMetadataWriteHash
            {
                KeyHash = ByteString.CopyFrom(PrivateDataKeys.KeyHash(w.Key)),
                Entries = { w.Entries },
            }));
            nsSet.CollectionHashedRwset.Add(new CollectionHashedReadWriteSet
            {
                CollectionName = collection,
                HashedRwset = hashed.ToByteString(),
                PvtRwsetHash = ByteString.CopyFrom(PrivateDataKeys.ValueHash(writes.ToByteString().Span)),
            });
        }

        set.NsRwset.Add(nsSet);
        return set;
    }

    /// <summary>The private write sets of the <see cref="PrivateWrite"/> calls, as the endorser keeps them.</summary>
    public TxPvtReadWriteSet BuildPrivate()
    {
        var set = new TxPvtReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv };
        var nsSet = new NsPvtReadWriteSet { Namespace = ns };
        nsSet.CollectionPvtRwset.AddRange(_private.Select(c => new CollectionPvtReadWriteSet { CollectionName = c.Key, Rwset = c.Value.ToByteString() }));
        set.NsPvtRwset.Add(nsSet);
        return set;
    }

    private KVRWSet Private(string collection)
    {
        if (!_private.TryGetValue(collection, out KVRWSet? writes))
        {
            _private[collection] = writes = new KVRWSet();
        }

        return writes;
    }

    private static Protos.Ledger.Rwset.Kvrwset.Version Version(Height height) => new() { BlockNum = height.BlockNum, TxNum = height.TxNum };
}
