using Fabricish.Ledger.State;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Google.Protobuf;

namespace Fabricish.Committer.Tests.Support;

/// <summary>Builds a simulated read-write set for one namespace, as the endorser's simulator records it.</summary>
internal sealed class RwSet(string ns = TestNetwork.Chaincode)
{
    private readonly KVRWSet _kv = new();

    public RwSet Read(string key, Height? version)
    {
        _kv.Reads.Add(new KVRead { Key = key, Version = version is { } v ? new Protos.Ledger.Rwset.Kvrwset.Version { BlockNum = v.BlockNum, TxNum = v.TxNum } : null });
        return this;
    }

    public RwSet Write(string key, string value)
    {
        _kv.Writes.Add(new KVWrite { Key = key, Value = ByteString.CopyFromUtf8(value) });
        return this;
    }

    public RwSet Delete(string key)
    {
        _kv.Writes.Add(new KVWrite { Key = key, IsDelete = true });
        return this;
    }

    public RwSet Range(string start, string end, bool exhausted, params (string Key, Height Version)[] results)
    {
        var reads = new QueryReads();
        reads.KvReads.AddRange(results.Select(r => new KVRead { Key = r.Key, Version = new Protos.Ledger.Rwset.Kvrwset.Version { BlockNum = r.Version.BlockNum, TxNum = r.Version.TxNum } }));
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
}
