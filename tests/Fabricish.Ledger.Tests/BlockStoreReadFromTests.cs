using Fabricish.Channels.Blocks;
using Fabricish.Protos.Common;

namespace Fabricish.Ledger.Tests;

public class BlockStoreReadFromTests
{
    /// <summary>Generous bound so a loaded CI machine cannot fail a correct store; a broken one hangs until it.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Follower_yields_existing_blocks_then_waits_for_and_yields_the_next_append()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);
        var chain = new TxIdChain();
        chain.AppendTo(store, 3);
        using var timeout = new CancellationTokenSource(Bound);
        await using var follower = store.ReadFrom(1, timeout.Token).GetAsyncEnumerator(timeout.Token);

        Assert.True(await follower.MoveNextAsync());
        Assert.Equal(chain.Blocks[1], follower.Current);
        Assert.True(await follower.MoveNextAsync());
        Assert.Equal(chain.Blocks[2], follower.Current);

        var pending = follower.MoveNextAsync();
        Assert.False(pending.IsCompleted);
        chain.AppendTo(store, 1);

        Assert.True(await pending);
        Assert.Equal(chain.Blocks[3], follower.Current);
    }

    [Fact]
    public async Task Follower_starting_beyond_the_height_waits_until_that_block_exists()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);
        var chain = new TxIdChain();
        chain.AppendTo(store, 1);
        using var timeout = new CancellationTokenSource(Bound);
        await using var follower = store.ReadFrom(3, timeout.Token).GetAsyncEnumerator(timeout.Token);

        var pending = follower.MoveNextAsync();
        chain.AppendTo(store, 1);
        Assert.False(pending.IsCompleted);
        chain.AppendTo(store, 2);

        Assert.True(await pending);
        Assert.Equal(3UL, follower.Current.Header.Number);
    }

    [Fact]
    public async Task Cancelling_a_waiting_follower_ends_its_wait_with_cancellation()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);
        new TxIdChain().AppendTo(store, 1);
        using var cancel = new CancellationTokenSource();
        await using var follower = store.ReadFrom(0, cancel.Token).GetAsyncEnumerator(cancel.Token);
        Assert.True(await follower.MoveNextAsync());

        var pending = follower.MoveNextAsync().AsTask();
        Assert.False(pending.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(Bound));
    }

    [Fact]
    public async Task Disposing_the_store_ends_a_waiting_follower()
    {
        using var dir = new StoreDirectory();
        var store = BlockStore.Open(dir.Path);
        new TxIdChain().AppendTo(store, 1);
        await using var follower = store.ReadFrom(1).GetAsyncEnumerator();

        var pending = follower.MoveNextAsync().AsTask();
        Assert.False(pending.IsCompleted);
        store.Dispose();

        Assert.False(await pending.WaitAsync(Bound));
    }

    [Fact]
    public async Task Concurrent_followers_and_lookups_see_a_gapless_chain_while_blocks_are_appended()
    {
        const int Blocks = 60;
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path, new BlockStoreOptions { MaxSegmentBytes = 4096 });
        var chain = new TxIdChain();
        using var timeout = new CancellationTokenSource(Bound);

        var followers = Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => FollowChain(store, Blocks, timeout.Token)))
            .ToArray();
        var lookups = Task.Run(() => LookUpWhileAppending(store, Blocks, timeout.Token));
        await Task.Run(() =>
        {
            for (int i = 0; i < Blocks; i++)
            {
                chain.AppendTo(store, 1);
            }
        });

        foreach (var received in await Task.WhenAll(followers))
        {
            Assert.Equal(Blocks, received);
        }

        Assert.True(await lookups > 0);
    }

    /// <summary>Reads the chain from the start and checks each block links to the one before.</summary>
    private static async Task<int> FollowChain(BlockStore store, int count, CancellationToken cancellationToken)
    {
        int received = 0;
        byte[]? previousHash = null;
        await foreach (var block in store.ReadFrom(0, cancellationToken))
        {
            Assert.Equal((ulong)received, block.Header.Number);
            if (previousHash is not null)
            {
                Assert.Equal(previousHash, block.Header.PreviousHash.ToByteArray());
            }

            previousHash = BlockHashing.HeaderHash(block.Header);
            if (++received == count)
            {
                break;
            }
        }

        return received;
    }

    /// <summary>Any block or tx id the store admits to must be readable at that moment. Runs at least once after
    /// the last append too, so it always checks something even if scheduled late.</summary>
    private static int LookUpWhileAppending(BlockStore store, int count, CancellationToken cancellationToken)
    {
        int hits = 0;
        bool done;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            ulong height = store.Height;
            done = height == (ulong)count;
            if (height == 0)
            {
                Thread.Yield();
                continue;
            }

            Block? last = store.GetBlock(height - 1);
            Assert.NotNull(last);
            Assert.Equal(height - 1, last.Header.Number);
            Assert.True(store.TryGetBlockByTxId($"tx-{height - 1}-b", out var byTx));
            Assert.Equal(height - 1, byTx.Header.Number);
            hits++;
        }
        while (!done);

        return hits;
    }
}
