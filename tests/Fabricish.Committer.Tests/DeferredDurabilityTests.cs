using System.Threading.Channels;
using Fabricish.Committer.Tests.Support;
using Fabricish.Ledger;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;
using Fabricish.Protos.Common;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Fabricish.Testing.Transactions;

namespace Fabricish.Committer.Tests;

/// <summary>The committer's deferred durability: blocks are appended without an fsync but are durable in the block
/// store before any of their state is written, and while state writes queue the stored savepoint is left to the next
/// write, trailing by a bounded number of blocks and recorded once the queue drains. A restart from a trailing
/// savepoint re-applies the blocks above it and converges on the state of a peer that recorded every savepoint.</summary>
public sealed class DeferredDurabilityTests
{
    // Only a guard against a hang, never a measurement.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    private static TestNetwork Net => TestNetwork.Shared;

    [Fact]
    public async Task While_a_further_write_waits_the_savepoint_is_left_to_it_yet_the_block_counts_as_committed_and_the_savepoint_is_recorded_once_the_queue_drains()
    {
        var chain = TestNetwork.Shared.NewChain();
        var state = new RecordingStateDatabase(new InMemoryStateDatabase());
        using TestPeer peer = await TestPeer.JoinedAsync(chain, state);
        Block one = chain.Cut(Tx(new RwSet().Write("a", "1")));
        Block two = chain.Cut(Tx(new RwSet().Write("b", "2")));
        Block three = chain.Cut(Tx(new RwSet().Write("c", "3")), Tx(new RwSet().Write("a", "3")));
        Channel<TaskCompletionSource> held = HoldStateWrites(state);

        await peer.Committer.CommitAsync(one.Clone()).WaitAsync(Hang);
        TaskCompletionSource writingOne = await NextHeldAsync(held);
        await peer.Committer.CommitAsync(two.Clone()).WaitAsync(Hang);
        await peer.Committer.CommitAsync(three.Clone()).WaitAsync(Hang);
        writingOne.SetResult();
        TaskCompletionSource writingTwoAndThree = await NextHeldAsync(held);

        // Block 1 is committed (its state is written, events may go out) although the stored savepoint still names
        // the genesis block: the write of blocks 2 and 3 already waited, so it records the savepoint for all three.
        Assert.Equal(2UL, peer.Committer.CommittedHeight);
        Assert.Equal(new Height(0, 0), state.StoredSavepoint);
        Assert.Equal("1", await StateDump.ValueAsync(state, "a"));

        writingTwoAndThree.SetResult();
        await peer.Committer.WaitForCommittedHeightAsync(4).WaitAsync(Hang);

        // The genesis write found the queue empty, so it recorded its savepoint at once.
        Assert.Equal(["0 @0:0 deferred", "savepoint 0:0", "1 @1:0 deferred", "3 @3:1 deferred", "savepoint 3:1"], state.Writes);
        Assert.Equal(new Height(3, 1), state.StoredSavepoint);
        Assert.Equal(new Height(3, 1), await state.Inner.GetLatestSavepointAsync());
    }

    [Theory]
    [InlineData(0, new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })]
    [InlineData(3, new[] { 3, 6, 9, 10 })]
    [InlineData(16, new[] { 10 })]
    public async Task While_writes_keep_queuing_the_stored_savepoint_trails_by_at_most_MaxBlocksAheadOfSavepoint_blocks(int bound, int[] recordedAt)
    {
        var chain = TestNetwork.Shared.NewChain();
        var state = new RecordingStateDatabase(new InMemoryStateDatabase());
        var options = new BlockCommitterOptions { MaxBlocksPerStateWrite = 1, MaxBlocksAheadOfSavepoint = bound };
        using TestPeer peer = await TestPeer.JoinedAsync(chain, state, options: options);
        Block[] blocks = [.. Enumerable.Range(1, 10).Select(i => chain.Cut(Tx(new RwSet().Write($"k{i}", $"{i}"))))];
        Channel<TaskCompletionSource> held = HoldStateWrites(state);

        // Each block's write is let through only once the next block is queued, so every write but the last finds
        // another one waiting behind it.
        await peer.Committer.CommitAsync(blocks[0]).WaitAsync(Hang);
        TaskCompletionSource writing = await NextHeldAsync(held);
        foreach (Block block in blocks[1..])
        {
            await peer.Committer.CommitAsync(block).WaitAsync(Hang);
            writing.SetResult();
            writing = await NextHeldAsync(held);
        }

        writing.SetResult();
        await peer.Committer.WaitForCommittedHeightAsync(11).WaitAsync(Hang);

        var expected = new List<string> { "0 @0:0 deferred", "savepoint 0:0" };
        for (int number = 1; number <= 10; number++)
        {
            expected.Add($"1 @{number}:0 deferred");
            if (recordedAt.Contains(number))
            {
                expected.Add($"savepoint {number}:0");
            }
        }

        Assert.Equal(expected, state.Writes);
        Assert.Equal(new Height(10, 0), state.StoredSavepoint);
    }

    [Fact]
    public async Task A_restart_from_a_trailing_stored_savepoint_replays_the_blocks_above_it_to_the_state_of_a_peer_that_recorded_every_savepoint()
    {
        var chain = TestNetwork.Shared.NewChain();
        Block[] blocks =
        [
            chain.Cut(Tx(new RwSet().Write("a", "1").Write("b", "1"))),
            chain.Cut(Tx(new RwSet().Read("a", new Height(1, 0)).Write("a", "2").Delete("b"))),
            chain.Cut(
                Tx(new RwSet().Read("b", null).Write("b", "3").Write("c", "3")),
                Tx(new RwSet().Read("a", new Height(1, 0)).Write("d", "stale"))),
            chain.Cut(Tx(new RwSet().Read("c", new Height(3, 0)).Delete("c").Write("a", "4"))),
        ];
        using TestPeer reference = await TestPeer.JoinedAsync(chain, options: new BlockCommitterOptions { MaxPendingStateWrites = 0, MaxBlocksAheadOfSavepoint = 0 });
        foreach (Block block in blocks)
        {
            Assert.Equal(BlockCommitStatus.Committed, (await reference.CommitAsync(block.Clone())).Status);
        }

        var state = new RecordingStateDatabase(new InMemoryStateDatabase());
        TestPeer peer = await TestPeer.JoinedAsync(chain, state);
        Channel<TaskCompletionSource> held = HoldStateWrites(state, savepointsToo: true);
        await peer.Committer.CommitAsync(blocks[0].Clone()).WaitAsync(Hang);
        TaskCompletionSource writing = await NextHeldAsync(held);
        await peer.Committer.CommitAsync(blocks[1].Clone()).WaitAsync(Hang);
        await peer.Committer.CommitAsync(blocks[2].Clone()).WaitAsync(Hang);
        writing.SetResult();
        (await NextHeldAsync(held)).SetResult();

        // Blocks 1 to 3 are in the state database, the savepoint naming block 3 is not yet: a crash here leaves this.
        TaskCompletionSource recording = await NextHeldAsync(held);
        Assert.Equal("savepoint 3:1", state.Writes[^1]);
        Assert.Equal(new Height(0, 0), state.StoredSavepoint);
        InMemoryStateDatabase crashImage = await CrashImageAsync(state.Inner, state.StoredSavepoint!.Value);
        await peer.Committer.CommitAsync(blocks[3].Clone()).WaitAsync(Hang);
        recording.SetResult();
        (await NextHeldAsync(held)).SetResult();
        (await NextHeldAsync(held)).SetResult();
        await peer.Committer.WaitForCommittedHeightAsync(5).WaitAsync(Hang);
        Assert.Equal(await StateDump.OfAsync(reference), await StateDump.OfAsync(peer));

        // The restarted peer's block store has all four blocks and its history all of them too; only its state lags.
        state.BeforeWrite = null;
        state.Inner = crashImage;
        using TestPeer restarted = await peer.ReopenAsync();
        peer.Dispose();

        Assert.Equal(4, restarted.Committer.RecoveredBlocks);
        Assert.Equal(await StateDump.OfAsync(reference), await StateDump.OfAsync(restarted));
    }

    [Fact]
    public async Task Every_block_whose_state_is_written_already_has_its_index_entry_durable_in_the_block_store()
    {
        var chain = TestNetwork.Shared.NewChain();
        var state = new RecordingStateDatabase(new InMemoryStateDatabase());
        (TestPeer peer, string directory) = await PeerWithKnownDirectoryAsync(chain, state);
        using TestPeer disposing = peer;
        using var scratch = new ScratchDirectory("block-store");
        var stores = new List<string>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writingOne = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        state.BeforeWrite = (batch, savepoint, _) =>
        {
            if (batch.Count == 0)
            {
                return Task.CompletedTask;
            }

            RecordStoreAsOfNow(directory, scratch, savepoint, stores, writingOne);
            if (savepoint.BlockNum != 1)
            {
                return Task.CompletedTask;
            }

            writingOne.SetResult();
            return release.Task;
        };

        // Blocks 2 and 3 are appended, without an fsync, while block 1's state write waits; they go in one write.
        await peer.Committer.CommitAsync(chain.Cut(Tx(new RwSet().Write("a", "1")))).WaitAsync(Hang);
        await writingOne.Task.WaitAsync(Hang);
        await peer.Committer.CommitAsync(chain.Cut(Tx(new RwSet().Write("b", "2")))).WaitAsync(Hang);
        await peer.Committer.CommitAsync(chain.Cut(Tx(new RwSet().Write("c", "3")))).WaitAsync(Hang);
        release.SetResult();
        await peer.Committer.WaitForCommittedHeightAsync(4).WaitAsync(Hang);

        Assert.Equal(["0 @0:0 deferred", "savepoint 0:0", "1 @1:0 deferred", "2 @3:0 deferred", "savepoint 3:0"], state.Writes);
        Assert.Equal(["state of block 1: store height 2, reindexed 0", "state of block 3: store height 4, reindexed 0"], stores);
    }

    [Fact]
    public async Task Recovery_makes_a_block_appended_behind_a_failed_state_write_durable_before_it_re_applies_its_state()
    {
        var chain = TestNetwork.Shared.NewChain();
        var state = new RecordingStateDatabase(new InMemoryStateDatabase());
        (TestPeer peer, string directory) = await PeerWithKnownDirectoryAsync(chain, state);
        using TestPeer disposing = peer;
        using var scratch = new ScratchDirectory("block-store");
        var stores = new List<string>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writingOne = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool failing = true;
        state.BeforeWrite = async (batch, savepoint, _) =>
        {
            if (batch.Count == 0)
            {
                return;
            }

            RecordStoreAsOfNow(directory, scratch, savepoint, stores, writingOne);
            if (!failing)
            {
                return;
            }

            writingOne.SetResult();
            await release.Task;
            throw new StateDatabaseUnavailableException("state database is down");
        };

        // Block 2 is appended, without an fsync, while block 1's state write waits and then fails.
        await peer.Committer.CommitAsync(chain.Cut(Tx(new RwSet().Write("a", "1")))).WaitAsync(Hang);
        await writingOne.Task.WaitAsync(Hang);
        await peer.Committer.CommitAsync(chain.Cut(Tx(new RwSet().Write("b", "2")))).WaitAsync(Hang);
        release.SetResult();
        await Assert.ThrowsAsync<StateDatabaseUnavailableException>(() => peer.Committer.WaitForCommittedHeightAsync(3).WaitAsync(Hang));
        failing = false;
        await peer.Committer.RecoverAsync().WaitAsync(Hang);

        Assert.Equal(3UL, peer.Committer.CommittedHeight);
        Assert.Equal("2", await StateDump.ValueAsync(state, "b"));
        Assert.Equal(
            ["state of block 1: store height 2, reindexed 0", "state of block 1: store height 3, reindexed 0", "state of block 2: store height 3, reindexed 0"],
            stores);
    }

    private static Envelope Tx(RwSet rwSet) => new EndorsedTransaction(Net.Org1Client, rwSet.Build()).Build();

    /// <summary>Holds every state write (and, when asked, every savepoint-only record) until the test completes the
    /// source it finds in the returned channel, one write at a time.</summary>
    private static Channel<TaskCompletionSource> HoldStateWrites(RecordingStateDatabase state, bool savepointsToo = false)
    {
        Channel<TaskCompletionSource> held = Channel.CreateUnbounded<TaskCompletionSource>();
        state.BeforeWrite = (_, _, deferSavepoint) =>
        {
            if (!deferSavepoint && !savepointsToo)
            {
                return Task.CompletedTask;
            }

            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Assert.True(held.Writer.TryWrite(release));
            return release.Task;
        };
        return held;
    }

    private static async Task<TaskCompletionSource> NextHeldAsync(Channel<TaskCompletionSource> held) =>
        await held.Reader.ReadAsync().AsTask().WaitAsync(Hang);

    /// <summary>The test chaincode's keys, values and versions as <paramref name="state"/> holds them, with the savepoint
    /// a crash would leave stored.</summary>
    private static async Task<InMemoryStateDatabase> CrashImageAsync(IStateDatabase state, Height storedSavepoint)
    {
        var batch = new UpdateBatch();
        await foreach (VersionedKV kv in state.GetStateRangeAsync(TestNetwork.Chaincode, "", ""))
        {
            batch.Set(TestNetwork.Chaincode, kv.Key, new StateUpdate(kv.VersionedValue.Value, kv.VersionedValue.Version, kv.VersionedValue.Metadata));
        }

        var image = new InMemoryStateDatabase();
        await image.ApplyUpdatesAsync(batch, storedSavepoint);
        return image;
    }

    /// <summary>A joined peer and its block store directory, which TestPeer hands out only across a restart.</summary>
    private static async Task<(TestPeer Peer, string Directory)> PeerWithKnownDirectoryAsync(TestChain chain, IStateDatabase state)
    {
        TestPeer joined = await TestPeer.JoinedAsync(chain, state);
        string directory = "";
        TestPeer peer = await joined.ReopenAsync(whileClosed: path => directory = path);
        joined.Dispose();
        return (peer, directory);
    }

    /// <summary>Opens a copy of the block store as a power cut right now would leave it and adds to
    /// <paramref name="stores"/> what it holds, for the write of <paramref name="savepoint"/>.</summary>
    private static void RecordStoreAsOfNow(string directory, ScratchDirectory scratch, Height savepoint, List<string> stores, TaskCompletionSource waiting)
    {
        try
        {
            string copy = Path.Combine(scratch.FullPath, $"copy-{stores.Count}");
            CopyDirectory(directory, copy);
            using BlockStore store = BlockStore.Open(copy);
            stores.Add($"state of block {savepoint.BlockNum}: store height {store.Height}, reindexed {store.Recovery.BlocksReindexed}");
        }
        catch (Exception e)
        {
            // The write task turns this into a fault nobody looks at while the test waits for the write to arrive.
            waiting.TrySetException(e);
            throw;
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (string file in Directory.EnumerateFiles(source))
        {
            // The live store holds its LOCK exclusively, so it cannot be read; the copy's open takes a lock of its own.
            if (Path.GetFileName(file) == "LOCK")
            {
                continue;
            }

            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }
}
