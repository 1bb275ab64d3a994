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
            store.RecordMissing("ch", new MissingPrivateData(3, 0, "tx3", "cc", "coll", [1, 2]), eligible: true, ulong.MaxValue);
            store.RecordMissing("ch", new MissingPrivateData(12, 1, "tx12", "cc", "coll", [3]), eligible: true, ulong.MaxValue);
            store.RecordMissing("ch", new MissingPrivateData(5, 0, "tx5", "cc", "coll", [4]), eligible: true, ulong.MaxValue);
            store.RecordMissing("other", new MissingPrivateData(9, 0, "tx9", "cc", "coll", [5]), eligible: true, ulong.MaxValue);
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
        store.RecordMissing("ch", missing, eligible: true, ulong.MaxValue);

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

    [Fact]
    public void Ineligible_missing_entries_stay_out_of_the_reconcilers_list_until_their_collection_is_made_eligible()
    {
        using PvtDataStore store = PvtDataStore.Open(_directory);
        store.RecordMissing("ch", new MissingPrivateData(3, 0, "tx3", "cc", "coll", [1]), eligible: false, ulong.MaxValue);
        store.RecordMissing("ch", new MissingPrivateData(4, 2, "tx4", "cc", "coll", [2]), eligible: false, ulong.MaxValue);
        store.RecordMissing("ch", new MissingPrivateData(4, 3, "tx4b", "cc", "other", [3]), eligible: false, ulong.MaxValue);
        store.RecordMissing("ch", new MissingPrivateData(5, 0, "tx5", "zz", "coll", [4]), eligible: false, ulong.MaxValue);

        Assert.Empty(store.Missing("ch", 10));
        Assert.Equal([("cc", "coll"), ("cc", "other"), ("zz", "coll")], store.IneligibleCollections("ch"));

        Assert.Equal(2, store.MakeEligible("ch", "cc", "coll"));

        IReadOnlyList<MissingPrivateData> missing = store.Missing("ch", 10);
        Assert.Equal(["tx4", "tx3"], missing.Select(m => m.TxId));
        Assert.Equal([2], missing[0].PvtRwSetHash);
        Assert.Equal((4UL, 2UL, "cc", "coll"), (missing[0].BlockNumber, missing[0].TxNumber, missing[0].Namespace, missing[0].Collection));
        Assert.Equal([("cc", "other"), ("zz", "coll")], store.IneligibleCollections("ch"));
    }

    [Fact]
    public void Missing_entries_eligible_or_not_are_forgotten_when_their_blockToLive_runs_out()
    {
        using PvtDataStore store = PvtDataStore.Open(_directory);
        store.RecordMissing("ch", new MissingPrivateData(3, 0, "tx3", "cc", "coll", [1]), eligible: true, expiringBlock: 6);
        store.RecordMissing("ch", new MissingPrivateData(3, 1, "tx3b", "cc", "coll", [1]), eligible: false, expiringBlock: 6);
        store.RecordMissing("ch", new MissingPrivateData(4, 0, "tx4", "cc", "coll", [2]), eligible: true, expiringBlock: 9);

        store.PurgeExpired("ch", 5);
        Assert.Equal(2, store.Missing("ch", 10).Count);
        store.PurgeExpired("ch", 6);

        Assert.Equal(["tx4"], store.Missing("ch", 10).Select(m => m.TxId));
        Assert.Empty(store.IneligibleCollections("ch"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
