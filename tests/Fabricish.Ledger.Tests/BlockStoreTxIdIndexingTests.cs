using Fabricish.Ledger.Storage;

namespace Fabricish.Ledger.Tests;

public class BlockStoreTxIdIndexingTests
{
    private static readonly BlockStoreOptions WithoutTxIds = new() { IndexTransactionIds = false };
    private static readonly BlockStoreOptions WithTxIds = new() { IndexTransactionIds = true };

    [Fact]
    public void Tx_id_indexing_is_on_by_default()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);

        Assert.True(new BlockStoreOptions().IndexTransactionIds);
        Assert.True(store.IndexesTransactionIds);
    }

    [Fact]
    public void Store_without_tx_id_indexing_refuses_tx_lookups_but_serves_blocks_by_number()
    {
        using var dir = new StoreDirectory();
        var chain = new TxIdChain();
        using var store = BlockStore.Open(dir.Path, WithoutTxIds);
        chain.AppendTo(store, 3);

        Assert.False(store.IndexesTransactionIds);
        var byLocation = Assert.Throws<InvalidOperationException>(() => store.TryGetTxLocation("tx-1-a", out _));
        Assert.Equal("transaction ids are not indexed in this block store", byLocation.Message);
        Assert.Throws<InvalidOperationException>(() => store.TryGetBlockByTxId("tx-1-a", out _));
        Assert.Equal(chain.Blocks[1], store.GetBlock(1));
        Assert.Equal(3UL, store.GetBlockchainInfo().Height);
    }

    [Fact]
    public void Store_without_tx_id_indexing_writes_no_tx_ids_to_the_index_log()
    {
        using var dir = new StoreDirectory();
        long withIds;
        using (var store = BlockStore.Open(dir.Path, WithTxIds))
        {
            new TxIdChain().AppendTo(store, 5);
        }

        withIds = StoreDirectory.LengthOf(dir.IndexLogPath);
        using var other = new StoreDirectory();
        using (var store = BlockStore.Open(other.Path, WithoutTxIds))
        {
            new TxIdChain().AppendTo(store, 5);
        }

        var log = IndexLog.Load(other.IndexLogPath);
        Assert.Null(log.TornReason);
        Assert.Equal(5, log.Blocks.Count);
        Assert.All(log.Blocks, b => Assert.Null(b.TxIds));
        Assert.True(StoreDirectory.LengthOf(other.IndexLogPath) < withIds);
    }

    [Fact]
    public void Store_written_with_tx_ids_reopens_without_them_cleanly_and_keeps_appending()
    {
        using var dir = new StoreDirectory();
        var chain = new TxIdChain();
        using (var store = BlockStore.Open(dir.Path, WithTxIds))
        {
            chain.AppendTo(store, 4);
        }

        using var reopened = BlockStore.Open(dir.Path, WithoutTxIds);

        Assert.True(reopened.Recovery.WasClean, reopened.Recovery.ToString());
        Assert.Equal(4UL, reopened.Height);
        Assert.Equal(chain.Blocks[3], reopened.GetBlock(3));
        Assert.Throws<InvalidOperationException>(() => reopened.TryGetTxLocation("tx-2-b", out _));
        chain.AppendTo(reopened, 2);
        Assert.Equal(chain.Blocks[5], reopened.GetBlock(5));
    }

    [Fact]
    public void Store_written_without_tx_ids_reindexes_them_when_reopened_with_indexing()
    {
        using var dir = new StoreDirectory();
        var chain = new TxIdChain();
        using (var store = BlockStore.Open(dir.Path, WithoutTxIds))
        {
            chain.AppendTo(store, 6);
        }

        using (var reopened = BlockStore.Open(dir.Path, WithTxIds))
        {
            Assert.Equal(6, reopened.Recovery.BlocksReindexed);
            Assert.Equal(6UL, reopened.Height);
            Assert.True(reopened.TryGetTxLocation("tx-0-a", out var first));
            Assert.Equal(new TxLocation(0, 0), first);
            Assert.True(reopened.TryGetBlockByTxId("tx-5-b", out var block));
            Assert.Equal(chain.Blocks[5], block);
        }

        // The re-derived ids were written back, so the next open needs no rescan.
        using var again = BlockStore.Open(dir.Path, WithTxIds);
        Assert.True(again.Recovery.WasClean, again.Recovery.ToString());
        Assert.True(again.TryGetTxLocation("tx-3-a", out var location));
        Assert.Equal(new TxLocation(3, 0), location);
    }

    [Fact]
    public void Switching_indexing_off_and_on_again_finds_ids_from_every_phase()
    {
        using var dir = new StoreDirectory();
        var chain = new TxIdChain();
        using (var store = BlockStore.Open(dir.Path, WithTxIds))
        {
            chain.AppendTo(store, 3);
        }

        using (var store = BlockStore.Open(dir.Path, WithoutTxIds))
        {
            chain.AppendTo(store, 3);
        }

        using var reopened = BlockStore.Open(dir.Path, WithTxIds);

        // Only the blocks whose entries lack ids are rescanned; the earlier entries are kept as they were.
        Assert.Equal(3, reopened.Recovery.BlocksReindexed);
        Assert.Equal(0, reopened.Recovery.IndexEntriesDropped);
        Assert.True(reopened.TryGetTxLocation("tx-1-b", out var early));
        Assert.Equal(new TxLocation(1, 1), early);
        Assert.True(reopened.TryGetTxLocation("tx-4-a", out var late));
        Assert.Equal(new TxLocation(4, 0), late);
        chain.AppendTo(reopened, 1);
        Assert.True(reopened.TryGetTxLocation("tx-6-b", out var appended));
        Assert.Equal(new TxLocation(6, 1), appended);
    }

    [Fact]
    public void Store_without_tx_id_indexing_recovers_a_torn_tail()
    {
        using var dir = new StoreDirectory();
        var chain = new TxIdChain();
        using (var store = BlockStore.Open(dir.Path, WithoutTxIds))
        {
            chain.AppendTo(store, 3);
        }

        var next = chain.Next("tx-pending");
        long intact = StoreDirectory.LengthOf(dir.LastSegmentPath);
        dir.AppendBytes(dir.LastSegmentPath, BlockRecord.Encode(next).AsSpan(0, 10));

        using var reopened = BlockStore.Open(dir.Path, WithoutTxIds);

        Assert.Equal(intact, StoreDirectory.LengthOf(dir.LastSegmentPath));
        Assert.Equal(3UL, reopened.Height);
        Assert.True(reopened.Append(next).Accepted);
        Assert.Equal(next, reopened.GetBlock(3));
    }

    [Fact]
    public void Ids_of_a_block_a_crash_lost_are_forgotten_when_another_block_takes_its_number()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);
        var chain = new TxIdChain();
        chain.AppendTo(store, 3);
        long durable = StoreDirectory.LengthOf(dir.LastSegmentPath);
        Assert.True(store.Append(chain.Next("lost-a"), sync: false).Accepted);
        Assert.True(store.TryGetTxLocation("lost-a", out _));

        // The on-disk id index already holds the lost block's ids; its segment record did not survive.
        using var crashed = CrashCopyWithIdIndex(dir);
        crashed.Truncate(crashed.LastSegmentPath, durable);
        using var reopened = BlockStore.Open(crashed.Path);
        Assert.Equal(3UL, reopened.Height);
        Assert.True(reopened.Append(chain.ReplaceLast("other-a")).Accepted);

        Assert.False(reopened.TryGetTxLocation("lost-a", out _));
        Assert.True(reopened.TryGetTxLocation("other-a", out var location));
        Assert.Equal(new TxLocation(3, 0), location);
        Assert.True(reopened.TryGetTxLocation("tx-1-b", out var earlier));
        Assert.Equal(new TxLocation(1, 1), earlier);
    }

    /// <summary>The store's files, its id index's included, as a process killed right now would leave them.</summary>
    private static StoreDirectory CrashCopyWithIdIndex(StoreDirectory source)
    {
        var copy = new StoreDirectory();
        foreach (string file in Directory.EnumerateFiles(source.Path, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source.Path, file);
            if (Path.GetFileName(file) != "LOCK")
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(copy.Path, relative))!);
                File.Copy(file, Path.Combine(copy.Path, relative));
            }
        }

        return copy;
    }
}
