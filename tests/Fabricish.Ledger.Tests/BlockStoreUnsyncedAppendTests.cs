using Fabricish.Channels.Blocks;
using Fabricish.Ledger.Storage;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Ledger.Tests;

/// <summary><see cref="BlockStore.Append(Block, bool)"/> with <c>sync: false</c> and <see cref="BlockStore.Sync"/>.
/// A crash is simulated by copying the store's files while it is still open: the copy holds what the OS has been
/// given (every written record) but only the index entries that were written, which is exactly what an fsync-less
/// append leaves behind. Tests that need the records themselves lost cut the copy's segment afterwards.</summary>
public sealed class BlockStoreUnsyncedAppendTests
{
    /// <summary>Generous bound so a loaded CI machine cannot fail a correct store; a broken one hangs until it.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static readonly BlockStoreOptions SmallSegments = new() { MaxSegmentBytes = 2048 };

    [Fact]
    public void Unsynced_appends_are_readable_at_once_by_number_tx_id_and_blockchain_info()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);
        var chain = new TxIdChain();
        chain.AppendTo(store, 2);
        long indexBefore = StoreDirectory.LengthOf(dir.IndexLogPath);
        long segmentBefore = StoreDirectory.LengthOf(dir.LastSegmentPath);

        AppendUnsynced(store, chain, 3);

        // Written to the segment but not yet indexed on disk: these really are the unsynced blocks.
        Assert.True(StoreDirectory.LengthOf(dir.LastSegmentPath) > segmentBefore);
        Assert.Equal(indexBefore, StoreDirectory.LengthOf(dir.IndexLogPath));
        Assert.Equal(5UL, store.Height);
        for (ulong n = 0; n < 5; n++)
        {
            Assert.Equal(chain.Blocks[(int)n], store.GetBlock(n));
        }

        Assert.Null(store.GetBlock(5));
        Assert.True(store.TryGetTxLocation("tx-4-b", out var location));
        Assert.Equal(new TxLocation(4, 1), location);
        Assert.True(store.TryGetBlockByTxId("tx-3-a", out var byTxId));
        Assert.Equal(chain.Blocks[3], byTxId);
        var info = store.GetBlockchainInfo();
        Assert.Equal(5UL, info.Height);
        Assert.Equal(BlockHashing.HeaderHash(chain.Blocks[4].Header), info.CurrentBlockHash.ToArray());
        Assert.Equal(BlockHashing.HeaderHash(chain.Blocks[3].Header), info.PreviousBlockHash.ToArray());
    }

    [Fact]
    public async Task Waiting_follower_is_woken_by_an_unsynced_append_without_a_sync()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);
        var chain = new TxIdChain();
        AppendUnsynced(store, chain, 1);
        using var timeout = new CancellationTokenSource(Bound);
        await using var follower = store.ReadFrom(0, timeout.Token).GetAsyncEnumerator(timeout.Token);

        Assert.True(await follower.MoveNextAsync());
        Assert.Equal(chain.Blocks[0], follower.Current);
        var pending = follower.MoveNextAsync();
        Assert.False(pending.IsCompleted);

        AppendUnsynced(store, chain, 2);

        Assert.True(await pending);
        Assert.Equal(chain.Blocks[1], follower.Current);
        Assert.True(await follower.MoveNextAsync());
        Assert.Equal(chain.Blocks[2], follower.Current);
    }

    [Fact]
    public void Crash_right_after_sync_reopens_clean_with_every_block()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);
        var chain = new TxIdChain();
        chain.AppendTo(store, 3);
        AppendUnsynced(store, chain, 4);
        long indexBeforeSync = StoreDirectory.LengthOf(dir.IndexLogPath);

        store.Sync();

        Assert.True(StoreDirectory.LengthOf(dir.IndexLogPath) > indexBeforeSync);
        using var crashed = CrashCopy(dir);
        using var reopened = BlockStore.Open(crashed.Path);
        Assert.True(reopened.Recovery.WasClean, reopened.Recovery.ToString());
        AssertHoldsChain(reopened, chain, 7);
        Assert.True(reopened.TryGetTxLocation("tx-6-b", out var location));
        Assert.Equal(new TxLocation(6, 1), location);
    }

    [Fact]
    public void Crash_before_sync_rederives_the_unsynced_blocks_from_the_segments()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);
        var chain = new TxIdChain();
        chain.AppendTo(store, 3);
        AppendUnsynced(store, chain, 4);

        using var crashed = CrashCopy(dir);
        using (var reopened = BlockStore.Open(crashed.Path))
        {
            Assert.Equal(4, reopened.Recovery.BlocksReindexed);
            Assert.Equal(0, reopened.Recovery.TruncatedSegmentBytes);
            Assert.Null(reopened.Recovery.SegmentTailProblem);
            Assert.Null(reopened.Recovery.IndexProblem);
            AssertHoldsChain(reopened, chain, 7);
            Assert.Equal(store.GetBlockchainInfo().CurrentBlockHash.ToArray(), reopened.GetBlockchainInfo().CurrentBlockHash.ToArray());
            Assert.Equal(store.GetBlockchainInfo().PreviousBlockHash.ToArray(), reopened.GetBlockchainInfo().PreviousBlockHash.ToArray());
            Assert.True(reopened.TryGetTxLocation("tx-5-a", out var location));
            Assert.Equal(new TxLocation(5, 0), location);
        }

        // Recovery wrote the re-derived entries, so the next open needs no rescan.
        using var again = BlockStore.Open(crashed.Path);
        Assert.True(again.Recovery.WasClean, again.Recovery.ToString());
        Assert.Equal(7UL, again.Height);
    }

    [Fact]
    public void Crash_that_tears_the_last_unsynced_record_keeps_the_blocks_before_it_and_the_lost_block_appends_again()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);
        var chain = new TxIdChain();
        chain.AppendTo(store, 3);
        AppendUnsynced(store, chain, 4);
        int lastRecordLength = BlockRecord.Encode(chain.Blocks[6]).Length;

        using var crashed = CrashCopy(dir);
        long written = StoreDirectory.LengthOf(crashed.LastSegmentPath);
        long lastRecordStart = written - lastRecordLength;
        crashed.Truncate(crashed.LastSegmentPath, lastRecordStart + (lastRecordLength / 2));

        using var reopened = BlockStore.Open(crashed.Path);
        Assert.Equal(6UL, reopened.Height);
        Assert.Equal(lastRecordLength / 2, reopened.Recovery.TruncatedSegmentBytes);
        Assert.NotNull(reopened.Recovery.SegmentTailProblem);
        Assert.Equal(3, reopened.Recovery.BlocksReindexed);
        Assert.Equal(lastRecordStart, StoreDirectory.LengthOf(crashed.LastSegmentPath));
        Assert.False(reopened.TryGetTxLocation("tx-6-a", out _));
        Assert.True(reopened.Append(chain.Blocks[6]).Accepted);
        AssertHoldsChain(reopened, chain, 7);
    }

    [Fact]
    public void Crash_that_loses_every_unsynced_record_reopens_at_the_durable_height()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);
        var chain = new TxIdChain();
        chain.AppendTo(store, 3);
        long durable = StoreDirectory.LengthOf(dir.LastSegmentPath);
        AppendUnsynced(store, chain, 4);

        using var crashed = CrashCopy(dir);
        crashed.Truncate(crashed.LastSegmentPath, durable);

        using var reopened = BlockStore.Open(crashed.Path);
        Assert.True(reopened.Recovery.WasClean, reopened.Recovery.ToString());
        AssertHoldsChain(reopened, chain, 3);
        Assert.False(reopened.TryGetTxLocation("tx-3-a", out _));
        for (int n = 3; n < 7; n++)
        {
            Assert.True(reopened.Append(chain.Blocks[n]).Accepted);
        }

        AssertHoldsChain(reopened, chain, 7);
    }

    [Fact]
    public void Dispose_makes_pending_unsynced_blocks_durable()
    {
        using var dir = new StoreDirectory();
        var chain = new TxIdChain();
        using (var store = BlockStore.Open(dir.Path))
        {
            chain.AppendTo(store, 1);
            AppendUnsynced(store, chain, 4);
        }

        using var reopened = BlockStore.Open(dir.Path);
        Assert.True(reopened.Recovery.WasClean, reopened.Recovery.ToString());
        AssertHoldsChain(reopened, chain, 5);
        Assert.Equal(5, IndexLog.Load(dir.IndexLogPath).Blocks.Count);
    }

    [Fact]
    public void Unsynced_appends_across_segment_rolls_read_back_and_become_durable_on_sync()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path, SmallSegments);
        var chain = new TxIdChain();
        chain.AppendTo(store, 2);
        int segmentsBefore = dir.SegmentCount;

        AppendUnsynced(store, chain, 28);

        Assert.True(dir.SegmentCount > segmentsBefore + 2, $"expected several rolls, got {segmentsBefore} -> {dir.SegmentCount} segments");
        AssertHoldsChain(store, chain, 30);

        // The records in segments rolled away from are already in their files, unsynced or not.
        using (var beforeSync = CrashCopy(dir))
        using (var rederived = BlockStore.Open(beforeSync.Path, SmallSegments))
        {
            Assert.Equal(28, rederived.Recovery.BlocksReindexed);
            Assert.Equal(0, rederived.Recovery.TruncatedSegmentBytes);
            AssertHoldsChain(rederived, chain, 30);
        }

        store.Sync();

        using (var afterSync = CrashCopy(dir))
        using (var reopened = BlockStore.Open(afterSync.Path, SmallSegments))
        {
            Assert.True(reopened.Recovery.WasClean, reopened.Recovery.ToString());
            AssertHoldsChain(reopened, chain, 30);
        }

        // Appends go on in the current segment after the retired ones were flushed and closed.
        AppendUnsynced(store, chain, 10);
        AssertHoldsChain(store, chain, 40);
    }

    [Fact]
    public void Dispose_after_unsynced_segment_rolls_leaves_every_segment_durable()
    {
        using var dir = new StoreDirectory();
        var chain = new TxIdChain();
        using (var store = BlockStore.Open(dir.Path, SmallSegments))
        {
            AppendUnsynced(store, chain, 30);
        }

        Assert.True(dir.SegmentCount > 3, $"expected several segments, got {dir.SegmentCount}");
        using var reopened = BlockStore.Open(dir.Path, SmallSegments);
        Assert.True(reopened.Recovery.WasClean, reopened.Recovery.ToString());
        AssertHoldsChain(reopened, chain, 30);
        chain.AppendTo(reopened, 3);
        Assert.Equal(chain.Blocks[32], reopened.GetBlock(32));
    }

    [Fact]
    public void Synced_append_after_unsynced_ones_makes_all_of_them_durable()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path, SmallSegments);
        var chain = new TxIdChain();
        AppendUnsynced(store, chain, 12);

        chain.AppendTo(store, 1);

        Assert.Equal(13, IndexLog.Load(dir.IndexLogPath).Blocks.Count);
        using var crashed = CrashCopy(dir);
        using var reopened = BlockStore.Open(crashed.Path, SmallSegments);
        Assert.True(reopened.Recovery.WasClean, reopened.Recovery.ToString());
        AssertHoldsChain(reopened, chain, 13);
    }

    [Fact]
    public void Sync_with_nothing_pending_writes_nothing()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);
        var chain = new TxIdChain();
        AppendUnsynced(store, chain, 2);
        store.Sync();
        var before = Snapshot(dir);

        store.Sync();

        Assert.Equal(before, Snapshot(dir));
        Assert.Equal(2UL, store.Height);
    }

    [Fact]
    public void Unsynced_block_with_wrong_number_is_refused_and_store_unchanged()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);
        var chain = new TxIdChain();
        chain.AppendTo(store, 2);
        AppendUnsynced(store, chain, 2);
        var next = chain.Next("tx-4-a");
        var skipped = chain.Next("tx-5-a");
        var before = Snapshot(dir);

        var result = store.Append(skipped, sync: false);

        Assert.False(result.Accepted);
        Assert.Equal("block 4 expected, got 5", result.Reason);
        AssertRefusalLeftNoTrace(dir, store, before, 4, "tx-5-a");
        Assert.True(store.Append(next, sync: false).Accepted);
        Assert.Equal(next, store.GetBlock(4));
    }

    [Fact]
    public void Unsynced_block_with_wrong_previous_hash_is_refused_and_store_unchanged()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);
        var chain = new TxIdChain();
        chain.AppendTo(store, 2);
        AppendUnsynced(store, chain, 2);
        var next = chain.Next("tx-4-a");
        var forged = next.Clone();
        forged.Header.PreviousHash = ByteString.CopyFrom(new byte[32]);
        forged.Data.Data[0] = ByteString.CopyFrom(TxIdChain.Envelope("tx-forged"));
        forged.Header.DataHash = ByteString.CopyFrom(BlockHashing.DataHash(forged.Data));
        var before = Snapshot(dir);

        var result = store.Append(forged, sync: false);

        Assert.False(result.Accepted);
        Assert.Contains("previous hash", result.Reason, StringComparison.Ordinal);
        AssertRefusalLeftNoTrace(dir, store, before, 4, "tx-forged");
        Assert.True(store.Append(next, sync: false).Accepted);
        Assert.Equal(next, store.GetBlock(4));
    }

    [Fact]
    public async Task Syncs_running_beside_unsynced_appends_leave_a_clean_complete_chain()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path, SmallSegments);
        var chain = new TxIdChain();
        const int count = 150;
        for (int i = 0; i < count; i++)
        {
            chain.Next($"tx-{i}-a", $"tx-{i}-b");
        }

        // Appends roll segments while syncs fsync and close the retired ones and write index entries.
        var writer = Task.Run(() =>
        {
            for (int n = 0; n < count; n++)
            {
                var result = store.Append(chain.Blocks[n], sync: false);
                Assert.True(result.Accepted, result.Reason);
            }
        });
        var syncer = Task.Run(() =>
        {
            while (!writer.IsCompleted)
            {
                store.Sync();
            }
        });
        await writer.WaitAsync(Bound);
        await syncer.WaitAsync(Bound);
        store.Sync();

        var log = IndexLog.Load(dir.IndexLogPath);
        Assert.Null(log.TornReason);
        Assert.Equal(count, log.Blocks.Count);
        using var crashed = CrashCopy(dir);
        using var reopened = BlockStore.Open(crashed.Path, SmallSegments);
        Assert.True(reopened.Recovery.WasClean, reopened.Recovery.ToString());
        AssertHoldsChain(reopened, chain, count);
    }

    private static void AppendUnsynced(BlockStore store, TxIdChain chain, int count)
    {
        for (int i = 0; i < count; i++)
        {
            int number = chain.Blocks.Count;
            var result = store.Append(chain.Next($"tx-{number}-a", $"tx-{number}-b"), sync: false);
            Assert.True(result.Accepted, result.Reason);
        }
    }

    /// <summary>The store's files as a process killed right now would leave them. The lock is left out: the OS
    /// drops a dead writer's lock, and the live store still holds this one.</summary>
    private static StoreDirectory CrashCopy(StoreDirectory source)
    {
        var copy = new StoreDirectory();
        foreach (string file in Directory.EnumerateFiles(source.Path))
        {
            string name = Path.GetFileName(file);
            if (name != "LOCK")
            {
                File.Copy(file, Path.Combine(copy.Path, name));
            }
        }

        return copy;
    }

    private static void AssertHoldsChain(BlockStore store, TxIdChain chain, int height)
    {
        Assert.Equal((ulong)height, store.Height);
        for (int n = 0; n < height; n++)
        {
            Assert.Equal(chain.Blocks[n], store.GetBlock((ulong)n));
        }

        var info = store.GetBlockchainInfo();
        Assert.Equal(BlockHashing.HeaderHash(chain.Blocks[height - 1].Header), info.CurrentBlockHash.ToArray());
    }

    private static (long Segment, long Index) Snapshot(StoreDirectory dir) =>
        (StoreDirectory.LengthOf(dir.LastSegmentPath), StoreDirectory.LengthOf(dir.IndexLogPath));

    /// <summary>Nothing written, nothing readable, and nothing left pending that a later sync would persist.</summary>
    private static void AssertRefusalLeftNoTrace(StoreDirectory dir, BlockStore store, (long Segment, long Index) before, ulong height, string refusedTxId)
    {
        Assert.Equal(height, store.Height);
        Assert.Equal(before, Snapshot(dir));
        Assert.False(store.TryGetTxLocation(refusedTxId, out _));
        Assert.Null(store.GetBlock(height));

        store.Sync();
        using var crashed = CrashCopy(dir);
        using var reopened = BlockStore.Open(crashed.Path);
        Assert.True(reopened.Recovery.WasClean, reopened.Recovery.ToString());
        Assert.Equal(height, reopened.Height);
    }
}
