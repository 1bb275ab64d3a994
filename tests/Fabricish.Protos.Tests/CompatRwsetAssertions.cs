using System.Text.Json;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace Fabricish.Protos.Tests;

/// <summary>Checks a marshalled TxReadWriteSet, and the KVRWSet/HashedRWSet bytes inside it, against the fixture.</summary>
internal static class CompatRwsetAssertions
{
    public static void TxReadWriteSet(JsonElement f, ByteString bytes)
    {
        var set = Ledger.Rwset.TxReadWriteSet.Parser.ParseFrom(bytes);
        Assert.Equal(Ledger.Rwset.TxReadWriteSet.Types.DataModel.Kv, set.DataModel);
        IReadOnlyList<JsonElement> namespaces = f.Items("nsRwsets");
        Assert.Equal(namespaces.Count, set.NsRwset.Count);
        for (int i = 0; i < namespaces.Count; i++)
        {
            NsReadWriteSet ns = set.NsRwset[i];
            Assert.Equal(namespaces[i].Str("namespace"), ns.Namespace);
            KvRwset(namespaces[i].At("kvrwset"), KVRWSet.Parser.ParseFrom(ns.Rwset));
            IReadOnlyList<JsonElement> collections = namespaces[i].Items("collectionHashedRwsets");
            Assert.Equal(collections.Count, ns.CollectionHashedRwset.Count);
            for (int c = 0; c < collections.Count; c++)
            {
                Assert.Equal(collections[c].Str("collectionName"), ns.CollectionHashedRwset[c].CollectionName);
                Assert.Equal(collections[c].Bytes("pvtRwsetHash"), ns.CollectionHashedRwset[c].PvtRwsetHash);
                HashedRwset(collections[c].At("hashedRwset"), HashedRWSet.Parser.ParseFrom(ns.CollectionHashedRwset[c].HashedRwset));
            }
        }
    }

    private static void Version(JsonElement? expected, Ledger.Rwset.Kvrwset.Version? actual)
    {
        Assert.Equal(CompatRwsetBuilder.Version(expected), actual);
        if (expected is { } v)
        {
            Assert.Equal(v.U64("blockNum"), actual!.BlockNum);
            Assert.Equal(v.U64("txNum"), actual.TxNum);
        }
    }

    private static void Reads(IReadOnlyList<JsonElement> expected, RepeatedField<KVRead> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Str("key"), actual[i].Key);
            Version(expected[i].Optional("version"), actual[i].Version);
        }
    }

    private static void Entries(JsonElement expected, RepeatedField<KVMetadataEntry> actual) =>
        Assert.Equal(
            expected.Items("entries").Select(e => (e.Str("name"), e.Bytes("value"))),
            actual.Select(e => (e.Name, e.Value)));

    private static void KvRwset(JsonElement k, KVRWSet set)
    {
        Reads(k.Items("reads"), set.Reads);
        IReadOnlyList<JsonElement> queries = k.Items("rangeQueriesInfo");
        Assert.Equal(queries.Count, set.RangeQueriesInfo.Count);
        for (int i = 0; i < queries.Count; i++)
        {
            RangeQueryInfo info = set.RangeQueriesInfo[i];
            Assert.Equal(queries[i].Str("startKey"), info.StartKey);
            Assert.Equal(queries[i].Str("endKey"), info.EndKey);
            Assert.Equal(queries[i].Bool("itrExhausted"), info.ItrExhausted);
            Assert.Equal(RangeQueryInfo.ReadsInfoOneofCase.RawReads, info.ReadsInfoCase);
            Reads(queries[i].Items("rawReads"), info.RawReads.KvReads);
        }

        Assert.Equal(
            k.Items("writes").Select(w => (w.Str("key"), w.Bool("isDelete"), w.Bytes("value"))),
            set.Writes.Select(w => (w.Key, w.IsDelete, w.Value)));
        IReadOnlyList<JsonElement> metadataWrites = k.Items("metadataWrites");
        Assert.Equal(metadataWrites.Count, set.MetadataWrites.Count);
        for (int i = 0; i < metadataWrites.Count; i++)
        {
            Assert.Equal(metadataWrites[i].Str("key"), set.MetadataWrites[i].Key);
            Entries(metadataWrites[i], set.MetadataWrites[i].Entries);
        }
    }

    private static void HashedRwset(JsonElement h, HashedRWSet set)
    {
        IReadOnlyList<JsonElement> reads = h.Items("hashedReads");
        Assert.Equal(reads.Count, set.HashedReads.Count);
        for (int i = 0; i < reads.Count; i++)
        {
            Assert.Equal(reads[i].Bytes("keyHash"), set.HashedReads[i].KeyHash);
            Version(reads[i].Optional("version"), set.HashedReads[i].Version);
        }

        Assert.Equal(
            h.Items("hashedWrites").Select(w => (w.Bytes("keyHash"), w.Bool("isDelete"), w.Bytes("valueHash"), w.Bool("isPurge"))),
            set.HashedWrites.Select(w => (w.KeyHash, w.IsDelete, w.ValueHash, w.IsPurge)));
        IReadOnlyList<JsonElement> metadataWrites = h.Items("metadataWrites");
        Assert.Equal(metadataWrites.Count, set.MetadataWrites.Count);
        for (int i = 0; i < metadataWrites.Count; i++)
        {
            Assert.Equal(metadataWrites[i].Bytes("keyHash"), set.MetadataWrites[i].KeyHash);
            Entries(metadataWrites[i], set.MetadataWrites[i].Entries);
        }
    }
}
