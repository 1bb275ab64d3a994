using Fabricish.Ledger.Storage;
using Fabricish.Protos.Common;

namespace Fabricish.Ledger.Tests;

public class BlockStoreRecoveryTests
{
    [Fact]
    public void Blocks_and_tx_index_persist_across_reopen_without_repair()
    {
        using var dir = new StoreDirectory();
        var chain = new TxIdChain();
        using (var store = BlockStore.Open(dir.Path))
        {
            chain.AppendTo(store, 10);
        }

        using var reopened = BlockStore.Open(dir.Path);
        Assert.True(reopened.Recovery.WasClean, reopened.Recovery.ToString());
        Assert.Equal(10UL, reopened.Height);
        Assert.Equal(chain.Blocks[9], reopened.GetBlock(9));
        Assert.True(reopened.TryGetTxLocation("tx-4-b", out var location));
        Assert.Equal(new TxLocation(4, 1), location);
        chain.AppendTo(reopened, 1);
        Assert.Equal(11UL, reopened.Height);
    }

    [Fact]
    public void Half_written_record_is_cut_on_reopen_and_the_same_block_appends_again()
    {
        using var dir = new StoreDirectory();
        var (_, next) = StoreWithPendingBlock(dir, 4);
        byte[] record = BlockRecord.Encode(next);
        long intact = StoreDirectory.LengthOf(dir.LastSegmentPath);
        dir.AppendBytes(dir.LastSegmentPath, record.AsSpan(0, record.Length / 2));

        using var store = BlockStore.Open(dir.Path);

        AssertTornTailCut(store, dir, intact, record.Length / 2, "short record");
        Assert.True(store.Append(next).Accepted);
        Assert.Equal(next, store.GetBlock(4));
        Assert.True(store.TryGetTxLocation("tx-pending", out _));
    }

    [Fact]
    public void Partial_length_prefix_is_cut_on_reopen()
    {
        using var dir = new StoreDirectory();
        var (_, next) = StoreWithPendingBlock(dir, 3);
        long intact = StoreDirectory.LengthOf(dir.LastSegmentPath);
        dir.AppendBytes(dir.LastSegmentPath, BlockRecord.Encode(next).AsSpan(0, 3));

        using var store = BlockStore.Open(dir.Path);

        AssertTornTailCut(store, dir, intact, 3, "partial length prefix");
        Assert.True(store.Append(next).Accepted);
    }

    [Fact]
    public void Record_with_bad_checksum_is_cut_on_reopen()
    {
        using var dir = new StoreDirectory();
        var (_, next) = StoreWithPendingBlock(dir, 3);
        byte[] record = BlockRecord.Encode(next);
        record[^10] ^= 0x01;
        long intact = StoreDirectory.LengthOf(dir.LastSegmentPath);
        dir.AppendBytes(dir.LastSegmentPath, record);

        using var store = BlockStore.Open(dir.Path);

        AssertTornTailCut(store, dir, intact, record.Length, "checksum mismatch");
        Assert.True(store.Append(next).Accepted);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x5A)]
    [InlineData(0xFF)]
    public void Garbage_tail_is_cut_on_reopen_and_appends_continue(byte fill)
    {
        using var dir = new StoreDirectory();
        var (_, next) = StoreWithPendingBlock(dir, 3);
        long intact = StoreDirectory.LengthOf(dir.LastSegmentPath);
        var garbage = new byte[4096];
        Array.Fill(garbage, fill);
        new Random(7).NextBytes(garbage.AsSpan(100, 50));
        dir.AppendBytes(dir.LastSegmentPath, garbage);

        using var store = BlockStore.Open(dir.Path);

        Assert.Equal(3UL, store.Height);
        Assert.Equal(garbage.Length, store.Recovery.TruncatedSegmentBytes);
        Assert.Equal(intact, StoreDirectory.LengthOf(dir.LastSegmentPath));
        Assert.True(store.Append(next).Accepted);
    }

    [Fact]
    public void Blocks_missing_from_a_torn_index_are_reindexed_on_reopen()
    {
        using var dir = new StoreDirectory();
        using (var store = BlockStore.Open(dir.Path))
        {
            new TxIdChain().AppendTo(store, 10);
        }

        // Keep entries 0..5 and half of entry 6: the crash hit between the block's fsync and its index entry's.
        var log = IndexLog.Load(dir.IndexLogPath);
        dir.Truncate(dir.IndexLogPath, log.EntryEnds[6] - 5);

        using (var reopened = BlockStore.Open(dir.Path))
        {
            Assert.Equal(10UL, reopened.Height);
            Assert.Equal(4, reopened.Recovery.BlocksReindexed);
            Assert.NotNull(reopened.Recovery.IndexProblem);
            Assert.Null(reopened.Recovery.SegmentTailProblem);
            Assert.True(reopened.TryGetTxLocation("tx-9-b", out var location));
            Assert.Equal(new TxLocation(9, 1), location);
        }

        Assert.Equal(log.ValidLength, StoreDirectory.LengthOf(dir.IndexLogPath));
        using var again = BlockStore.Open(dir.Path);
        Assert.True(again.Recovery.WasClean, again.Recovery.ToString());
    }

    [Fact]
    public void Index_entry_for_a_block_no_longer_in_the_segment_is_dropped()
    {
        using var dir = new StoreDirectory();
        var chain = new TxIdChain();
        using (var store = BlockStore.Open(dir.Path))
        {
            chain.AppendTo(store, 5);
        }

        var lastRecord = IndexLog.Load(dir.IndexLogPath).Blocks[^1].Location;
        dir.Truncate(dir.LastSegmentPath, lastRecord.Offset);

        using var reopened = BlockStore.Open(dir.Path);
        Assert.Equal(4UL, reopened.Height);
        Assert.Equal(1, reopened.Recovery.IndexEntriesDropped);
        Assert.False(reopened.TryGetTxLocation("tx-4-a", out _));
        Assert.True(reopened.Append(chain.Blocks[4]).Accepted);
    }

    [Fact]
    public void Segments_roll_over_at_the_configured_size_and_all_blocks_stay_readable()
    {
        using var dir = new StoreDirectory();
        var options = new BlockStoreOptions { MaxSegmentBytes = 2048 };
        var chain = new TxIdChain();
        using (var store = BlockStore.Open(dir.Path, options))
        {
            chain.AppendTo(store, 30);
            Assert.Equal(chain.Blocks[0], store.GetBlock(0));
        }

        Assert.True(dir.SegmentCount > 3, $"expected several segments, got {dir.SegmentCount}");
        for (int s = 0; s < dir.SegmentCount; s++)
        {
            Assert.InRange(StoreDirectory.LengthOf(dir.SegmentPath(s)), 1, options.MaxSegmentBytes);
        }

        using var reopened = BlockStore.Open(dir.Path, options);
        Assert.True(reopened.Recovery.WasClean, reopened.Recovery.ToString());
        for (ulong n = 0; n < 30; n++)
        {
            Assert.Equal(chain.Blocks[(int)n], reopened.GetBlock(n));
        }

        chain.AppendTo(reopened, 5);
        Assert.Equal(chain.Blocks[34], reopened.GetBlock(34));
    }

    [Fact]
    public void Whole_store_is_rebuilt_from_segments_when_the_index_is_lost()
    {
        using var dir = new StoreDirectory();
        var options = new BlockStoreOptions { MaxSegmentBytes = 2048 };
        var chain = new TxIdChain();
        using (var store = BlockStore.Open(dir.Path, options))
        {
            chain.AppendTo(store, 20);
        }

        File.Delete(dir.IndexLogPath);

        using var reopened = BlockStore.Open(dir.Path, options);
        Assert.Equal(20UL, reopened.Height);
        Assert.Equal(20, reopened.Recovery.BlocksReindexed);
        Assert.Equal(chain.Blocks[13], reopened.GetBlock(13));
        Assert.True(reopened.TryGetTxLocation("tx-17-a", out var location));
        Assert.Equal(new TxLocation(17, 0), location);
    }

    [Fact]
    public void Empty_segment_left_by_an_interrupted_roll_is_continued()
    {
        using var dir = new StoreDirectory();
        var options = new BlockStoreOptions { MaxSegmentBytes = 2048 };
        var chain = new TxIdChain();
        using (var store = BlockStore.Open(dir.Path, options))
        {
            chain.AppendTo(store, 3);
        }

        int segments = dir.SegmentCount;
        File.Create(dir.SegmentPath(segments)).Dispose();

        using var reopened = BlockStore.Open(dir.Path, options);
        Assert.Equal(3UL, reopened.Height);
        chain.AppendTo(reopened, 10);
        Assert.Equal(chain.Blocks[12], reopened.GetBlock(12));
    }

    [Fact]
    public void Second_writer_on_the_same_directory_is_refused_until_the_first_closes()
    {
        using var dir = new StoreDirectory();
        var first = BlockStore.Open(dir.Path);

        Assert.Throws<BlockStoreLockedException>(() => BlockStore.Open(dir.Path));

        first.Dispose();
        using var second = BlockStore.Open(dir.Path);
        Assert.Equal(0UL, second.Height);
    }

    /// <summary>A store with <paramref name="height"/> blocks, closed, plus the valid next block not yet appended.</summary>
    private static (TxIdChain Chain, Block Next) StoreWithPendingBlock(StoreDirectory dir, int height)
    {
        var chain = new TxIdChain();
        using (var store = BlockStore.Open(dir.Path))
        {
            chain.AppendTo(store, height);
        }

        return (chain, chain.Next("tx-pending", "tx-pending-2"));
    }

    private static void AssertTornTailCut(BlockStore store, StoreDirectory dir, long intact, long tornBytes, string reason)
    {
        Assert.Equal(intact, StoreDirectory.LengthOf(dir.LastSegmentPath));
        Assert.Equal(tornBytes, store.Recovery.TruncatedSegmentBytes);
        Assert.Contains(reason, store.Recovery.SegmentTailProblem, StringComparison.Ordinal);
        Assert.Equal(0, store.Recovery.BlocksReindexed);
        Assert.False(store.TryGetTxLocation("tx-pending", out _));
    }
}
