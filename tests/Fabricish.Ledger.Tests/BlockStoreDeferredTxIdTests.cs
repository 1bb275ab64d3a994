namespace Fabricish.Ledger.Tests;

/// <summary>An unsynced append's tx ids answer lookups from memory until the sync that makes the block durable writes
/// them to the on-disk tx id index: a committer's DUPLICATE_TXID check must see them at once, first occurrence first,
/// and never miss one while it moves from memory to disk.</summary>
public sealed class BlockStoreDeferredTxIdTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_duplicate_across_unsynced_blocks_resolves_to_the_first_occurrence_before_and_after_sync_and_reopen()
    {
        using var dir = new StoreDirectory();
        var chain = new TxIdChain();
        using (var store = BlockStore.Open(dir.Path))
        {
            chain.AppendTo(store, 1);
            Assert.True(store.Append(chain.Next("tx-x", "tx-y"), sync: false).Accepted);
            Assert.True(store.Append(chain.Next("tx-z", "tx-x", "tx-0-a"), sync: false).Accepted);

            AssertFirstOccurrences(store);
            store.Sync();
            AssertFirstOccurrences(store);
        }

        using var reopened = BlockStore.Open(dir.Path);
        Assert.True(reopened.Recovery.WasClean, reopened.Recovery.ToString());
        AssertFirstOccurrences(reopened);
    }

    [Fact]
    public async Task Lookups_running_beside_syncs_never_miss_an_appended_id()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);
        var chain = new TxIdChain();
        const int count = 200;
        for (int i = 0; i < count; i++)
        {
            chain.Next($"tx-{i}-a", $"tx-{i}-b");
        }

        int misses = 0;
        var writer = Task.Run(() =>
        {
            for (int n = 0; n < count; n++)
            {
                Assert.True(store.Append(chain.Blocks[n], sync: false).Accepted);
            }
        });
        var syncer = Task.Run(() =>
        {
            while (!writer.IsCompleted)
            {
                store.Sync();
            }
        });
        var reader = Task.Run(() =>
        {
            while (!writer.IsCompleted)
            {
                ulong height = store.Height;
                for (ulong n = height > 4 ? height - 4 : 0; n < height; n++)
                {
                    if (!store.TryGetTxLocation($"tx-{n}-b", out TxLocation location) || location != new TxLocation(n, 1))
                    {
                        Interlocked.Increment(ref misses);
                    }
                }
            }
        });
        await Task.WhenAll(writer, syncer, reader).WaitAsync(Bound);
        store.Sync();

        Assert.Equal(0, misses);
        Assert.True(store.TryGetTxLocation($"tx-{count - 1}-a", out TxLocation last));
        Assert.Equal(new TxLocation(count - 1, 0), last);
    }

    private static void AssertFirstOccurrences(BlockStore store)
    {
        Assert.True(store.TryGetTxLocation("tx-x", out TxLocation x));
        Assert.Equal(new TxLocation(1, 0), x);
        Assert.True(store.TryGetTxLocation("tx-z", out TxLocation z));
        Assert.Equal(new TxLocation(2, 0), z);

        // Block 0's id, on disk since its synced append, repeated by a block whose ids are still in memory.
        Assert.True(store.TryGetTxLocation("tx-0-a", out TxLocation durable));
        Assert.Equal(new TxLocation(0, 0), durable);
        Assert.False(store.Contains("tx-absent"));
    }
}
