using System.Text.Json;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Google.Protobuf;

namespace Fabricish.Protos.Tests;

/// <summary>Builds the fixture's read-write sets (the ChaincodeAction results) with Fabricish's classes.</summary>
internal static class CompatRwsetBuilder
{
    public static TxReadWriteSet TxReadWriteSet(JsonElement f)
    {
        var set = new TxReadWriteSet { DataModel = Fabricish.Protos.Ledger.Rwset.TxReadWriteSet.Types.DataModel.Kv };
        foreach (JsonElement ns in f.Items("nsRwsets"))
        {
            var nsSet = new NsReadWriteSet { Namespace = ns.Str("namespace"), Rwset = KvRwset(ns.At("kvrwset")).ToByteString() };
            foreach (JsonElement c in ns.Items("collectionHashedRwsets"))
            {
                nsSet.CollectionHashedRwset.Add(new CollectionHashedReadWriteSet
                {
                    CollectionName = c.Str("collectionName"),
                    HashedRwset = HashedRwset(c.At("hashedRwset")).ToByteString(),
                    PvtRwsetHash = c.Bytes("pvtRwsetHash"),
                });
            }

            set.NsRwset.Add(nsSet);
        }

        return set;
    }

    public static Fabricish.Protos.Ledger.Rwset.Kvrwset.Version? Version(JsonElement? v) =>
        v is { } value ? new Fabricish.Protos.Ledger.Rwset.Kvrwset.Version { BlockNum = value.U64("blockNum"), TxNum = value.U64("txNum") } : null;

    private static KVRead Read(JsonElement r) => new() { Key = r.Str("key"), Version = Version(r.Optional("version")) };

    private static IEnumerable<KVMetadataEntry> Entries(JsonElement m) =>
        m.Items("entries").Select(e => new KVMetadataEntry { Name = e.Str("name"), Value = e.Bytes("value") });

    private static KVRWSet KvRwset(JsonElement k)
    {
        var set = new KVRWSet();
        set.Reads.AddRange(k.Items("reads").Select(Read));
        foreach (JsonElement q in k.Items("rangeQueriesInfo"))
        {
            var raw = new QueryReads();
            raw.KvReads.AddRange(q.Items("rawReads").Select(Read));
            set.RangeQueriesInfo.Add(new RangeQueryInfo
            {
                StartKey = q.Str("startKey"),
                EndKey = q.Str("endKey"),
                ItrExhausted = q.Bool("itrExhausted"),
                RawReads = raw,
            });
        }

        set.Writes.AddRange(k.Items("writes").Select(w => new KVWrite { Key = w.Str("key"), IsDelete = w.Bool("isDelete"), Value = w.Bytes("value") }));
        foreach (JsonElement m in k.Items("metadataWrites"))
        {
            var write = new KVMetadataWrite { Key = m.Str("key") };
            write.Entries.AddRange(Entries(m));
            set.MetadataWrites.Add(write);
        }

        return set;
    }

    private static HashedRWSet HashedRwset(JsonElement h)
    {
        var set = new HashedRWSet();
        set.HashedReads.AddRange(h.Items("hashedReads").Select(r => new KVReadHash { KeyHash = r.Bytes("keyHash"), Version = Version(r.Optional("version")) }));
        set.HashedWrites.AddRange(h.Items("hashedWrites").Select(w => new KVWriteHash
        {
            KeyHash = w.Bytes("keyHash"),
            IsDelete = w.Bool("isDelete"),
            ValueHash = w.Bytes("valueHash"),
            IsPurge = w.Bool("isPurge"),
        }));
        foreach (JsonElement m in h.Items("metadataWrites"))
        {
            var write = new KVMetadataWriteHash { KeyHash = m.Bytes("keyHash") };
            write.Entries.AddRange(Entries(m));
            set.MetadataWrites.Add(write);
        }

        return set;
    }
}
