using Fabricish.Ledger.PrivateData;

namespace Fabricish.Ledger.Tests.PrivateData;

/// <summary>The private data store: committed sets by txid, missing data entries most recent first, the blockToLive
/// schedule, all kept across a reopen.</summary>
public sealed class PvtDataStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pvtdata-").FullName;

    [Fact]
    public void Missing_entries_survive_a_reopen_and_come_most_recent_block_first()
    {
        using (PvtDataStore store = PvtDataStore.Open(_directory))
        {
            store.RecordMissing("ch", new MissingPrivateData(3, 0, "tx3", "cc", "coll", [1, 2]));
            store.RecordMissing("ch", new MissingPrivateData(12, 1, "tx12", "cc", "coll", [3]));
            store.RecordMissing("ch", new MissingPrivateData(5, 0, "tx5", "cc", "coll", [4]));
            store.RecordMissing("other", new MissingPrivateData(9, 0, "tx9", "cc", "coll", [5]));
        }

        using PvtDataStore reopened = PvtDataStore.Open(_directory);
        IReadOnlyList<MissingPrivateData> missing = reopened.Missing("ch", 2);
        Assert.Equal(["tx12", "tx5"], missing.Select(m => m.TxId));
        Assert.Equal([3], missing[0].PvtRwSetHash);
        Assert.Equal((12UL, 1UL, "cc", "coll"), (missing[0].BlockNumber, missing[0].TxNumber, missing[0].Namespace, missing[0].Collection));
    }

    [Fact]
    public void Committing_a_missing_set_clears_its_entry_and_serves_it_by_txid()
    {
        using PvtDataStore store = PvtDataStore.Open(_directory);
        var missing = new MissingPrivateData(3, 1, "tx3", "cc", "coll", [1]);
        store.RecordMissing("ch", missing);

        store.Commit("ch", 3, 1, "tx3", "cc", "coll", [9, 9], ulong.MaxValue);

        Assert.Empty(store.Missing("ch", 10));
        Assert.Equal([9, 9], store.Get("ch", "tx3", "cc", "coll"));
        Assert.Null(store.Get("ch", "tx3", "cc", "other"));
    }

    [Fact]
    public void Expired_sets_and_schedule_entries_are_purged_at_their_block_and_not_before()
    {
        using PvtDataStore store = PvtDataStore.Open(_directory);
        store.Commit("ch", 4, 0, "tx4", "cc", "coll", [1], expiringBlock: 7);
        store.ScheduleExpiry("ch", [new ExpiringKey(7, 4, "cc", "coll", "aGFzaA==", "k"), new ExpiringKey(9, 6, "cc", "coll", "b3RoZXI=", "")]);

        Assert.Equal(0, store.PurgeExpired("ch", 6));
        Assert.Single(store.ExpiringBy("ch", 7));
        Assert.Equal(1, store.PurgeExpired("ch", 7));

        Assert.Null(store.Get("ch", "tx4", "cc", "coll"));
        ExpiringKey left = Assert.Single(store.ExpiringBy("ch", 100));
        Assert.Equal((9UL, 6UL, "b3RoZXI=", ""), (left.ExpiringBlock, left.CommittingBlock, left.HashedKey, left.Key));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
