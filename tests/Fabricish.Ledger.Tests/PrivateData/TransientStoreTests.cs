using Fabricish.Ledger.PrivateData;
using Fabricish.Protos.Ledger.Rwset;
using Google.Protobuf;

namespace Fabricish.Ledger.Tests.PrivateData;

/// <summary>The persistent transient store: private write sets by channel and txid, kept across a reopen, merged by
/// collection, removed by txid and below a height.</summary>
public sealed class TransientStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("transient-").FullName;

    [Fact]
    public void A_stored_write_set_and_its_endorsement_height_survive_a_reopen()
    {
        using (TransientStore store = TransientStore.Open(_directory))
        {
            store.Persist("ch", "tx1", Set("cc", "coll1", "a"), 7);
        }

        using TransientStore reopened = TransientStore.Open(_directory);
        Assert.Equal(Set("cc", "coll1", "a"), reopened.Get("ch", "tx1"));
        Assert.Equal(7UL, reopened.EndorsedAt("ch", "tx1"));
        Assert.Null(reopened.Get("other", "tx1"));
    }

    [Fact]
    public void Sets_of_one_transaction_from_several_endorsers_are_merged_by_collection()
    {
        using TransientStore store = TransientStore.Open(_directory);
        store.Persist("ch", "tx1", Set("cc", "coll1", "a"), 3);
        store.Persist("ch", "tx1", Set("cc", "coll2", "b"), 4);
        store.Persist("ch", "tx1", Set("cc", "coll1", "ignored"), 4);

        TxPvtReadWriteSet merged = store.Get("ch", "tx1")!;
        Assert.Equal(["coll1", "coll2"], merged.NsPvtRwset.Single().CollectionPvtRwset.Select(c => c.CollectionName));
        Assert.Equal("a", merged.NsPvtRwset[0].CollectionPvtRwset[0].Rwset.ToStringUtf8());
        Assert.Equal(4UL, store.EndorsedAt("ch", "tx1"));
        Assert.Equal(1, store.Count("ch"));
    }

    [Fact]
    public void Committed_transactions_leave_the_store_and_others_stay()
    {
        using TransientStore store = TransientStore.Open(_directory);
        store.Persist("ch", "tx1", Set("cc", "coll1", "a"), 3);
        store.Persist("ch", "tx2", Set("cc", "coll1", "b"), 3);

        store.PurgeByTxIds("ch", ["tx1", "unknown"]);

        Assert.Null(store.Get("ch", "tx1"));
        Assert.NotNull(store.Get("ch", "tx2"));
    }

    [Fact]
    public void Entries_endorsed_below_a_height_are_purged_and_only_on_that_channel()
    {
        using TransientStore store = TransientStore.Open(_directory);
        store.Persist("ch", "old", Set("cc", "coll1", "a"), 2);
        store.Persist("ch", "edge", Set("cc", "coll1", "b"), 10);
        store.Persist("other", "old", Set("cc", "coll1", "c"), 2);

        Assert.Equal(1, store.PurgeBelowHeight("ch", 10));

        Assert.Null(store.Get("ch", "old"));
        Assert.NotNull(store.Get("ch", "edge"));
        Assert.NotNull(store.Get("other", "old"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static TxPvtReadWriteSet Set(string ns, string collection, string rwset) => new()
    {
        NsPvtRwset = { new NsPvtReadWriteSet { Namespace = ns, CollectionPvtRwset = { new CollectionPvtReadWriteSet { CollectionName = collection, Rwset = ByteString.CopyFromUtf8(rwset) } } } },
    };
}
