using Fabricish.Ledger.State;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Google.Protobuf;

namespace Fabricish.Testing.Transactions;

/// <summary>Builds a simulated read-write set for one namespace, as the endorser's simulator records it.</summary>
public sealed class RwSet(string ns = TestNetwork.Chaincode)
{
    private readonly KVRWSet _kv = new();

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

    public TxReadWriteSet Build()
    {
        var set = new TxReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv };
        set.NsRwset.Add(new NsReadWriteSet { Namespace = ns, Rwset = _kv.ToByteString() });
        return set;
    }

    private static Protos.Ledger.Rwset.Kvrwset.Version Version(Height height) => new() { BlockNum = height.BlockNum, TxNum = height.TxNum };
}
