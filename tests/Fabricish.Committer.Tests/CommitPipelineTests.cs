using Fabricish.Committer.Tests.Support;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Transactions;

namespace Fabricish.Committer.Tests;

/// <summary>The committer's state-write pipeline: later blocks are validated against the writes of blocks still being
/// written, queued blocks are written together, and a block counts as committed (committed height, committed-block
/// stream, state listeners) only once its state and savepoint are durable.</summary>
public sealed class CommitPipelineTests
{
    // Only a guard against a hang, never a measurement.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    private static TestNetwork Net => TestNetwork.Shared;

    [Fact]
    public async Task Blocks_behind_a_held_state_write_are_validated_against_its_writes_and_committed_only_once_it_is_durable()
    {
        var chain = TestNetwork.Shared.NewChain();
        Block one = chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "1").Write("b", "1").Build()).Build());
        Block two = chain.Cut(
            new EndorsedTransaction(Net.Org1Client, new RwSet().Read("a", new Height(1, 0)).Write("a", "2").Delete("b").Build()).Build(),
            new EndorsedTransaction(Net.Org1Client, new RwSet().Read("c", null).Read("a", null).Write("c", "stale").Build()).Build());
        Block three = chain.Cut(
            new EndorsedTransaction(Net.Org1Client, new RwSet().Read("b", null).Read("a", new Height(2, 0)).Write("b", "3").Build()).Build(),
            new EndorsedTransaction(Net.Org1Client, new RwSet().Read("b", new Height(1, 0)).Write("d", "stale").Build()).Build());
        using TestPeer sequential = await TestPeer.JoinedAsync(chain, options: new BlockCommitterOptions { MaxPendingStateWrites = 0 });
        var state = new FailingStateDatabase(new InMemoryStateDatabase());
        using TestPeer pipelined = await TestPeer.JoinedAsync(chain, state);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        state.HoldApplies = release.Task;
        await using IAsyncEnumerator<Block> committed = pipelined.Committer.ReadCommittedFrom(1).GetAsyncEnumerator();

        Assert.Equal(BlockCommitStatus.Committed, (await pipelined.Committer.CommitAsync(one.Clone()).WaitAsync(Hang)).Status);
        await state.ApplyReached.Task.WaitAsync(Hang);
        BlockCommitResult twoResult = await pipelined.Committer.CommitAsync(two.Clone()).WaitAsync(Hang);
        BlockCommitResult threeResult = await pipelined.Committer.CommitAsync(three.Clone()).WaitAsync(Hang);
        ValueTask<bool> firstCommitted = committed.MoveNextAsync();

        Assert.Equal([TxValidationCode.Valid, TxValidationCode.MvccReadConflict], twoResult.Codes);
        Assert.Equal([TxValidationCode.Valid, TxValidationCode.MvccReadConflict], threeResult.Codes);
        Assert.Equal(4UL, pipelined.Blocks.Height);
        Assert.Equal(1UL, pipelined.Committer.CommittedHeight);
        Assert.False(firstCommitted.IsCompleted);
        Assert.Null(await state.GetStateAsync(TestNetwork.Chaincode, "a"));

        release.SetResult();
        await pipelined.Committer.WaitForCommittedHeightAsync(4).WaitAsync(Hang);
        Assert.True(await firstCommitted);
        Assert.Equal(1UL, committed.Current.Header.Number);
        foreach (Block block in new[] { one, two, three })
        {
            Assert.Equal(block.Header.Number, (await sequential.CommitAsync(block.Clone())).BlockNumber);
        }

        Assert.Equal(await StateDump.OfAsync(sequential), await StateDump.OfAsync(pipelined));
        Assert.Equal(new Height(3, 1), await state.GetLatestSavepointAsync());

        // Genesis and its savepoint; block 1, whose savepoint is left to the write queued behind it; blocks 2 and 3
        // (queued behind block 1) in one write, then the savepoint naming block 3.
        Assert.Equal(5, state.Applies);
    }

    [Fact]
    public async Task A_state_listener_hears_committed_lifecycle_writes_in_block_order_after_they_are_durable_before_the_next_block_and_again_in_recovery()
    {
        var chain = TestNetwork.Shared.NewChain();
        Block one = chain.Cut(
            new EndorsedTransaction(Net.Org1Client, new RwSet(TestPeer.LifecycleNamespace).Write("namespaces/fields/mycc/Sequence", "1").Build()) { Chaincode = TestPeer.LifecycleNamespace }.Build(),
            new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "1").Build()).Build());
        Block two = chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "2").Build()).Build());
        Block three = chain.Cut(
            new EndorsedTransaction(Net.Org1Client, new RwSet(TestPeer.LifecycleNamespace).Write("namespaces/fields/mycc/Sequence", "2").Build()) { Chaincode = TestPeer.LifecycleNamespace }.Build());
        Block four = chain.Cut(
            new EndorsedTransaction(Net.Org1Client, new RwSet(TestPeer.LifecycleNamespace).Delete("namespaces/fields/mycc/Sequence").Build()) { Chaincode = TestPeer.LifecycleNamespace }.Build());
        var state = new FailingStateDatabase(new InMemoryStateDatabase());
        var listener = new RecordingStateListener(state);
        TestPeer peer = await TestPeer.JoinedAsync(chain, state, listeners: [listener]);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        state.HoldApplies = release.Task;

        // A block writing _lifecycle is written through before CommitAsync returns: the next block must be judged with
        // the definitions it commits, on a live peer and on one catching up alike.
        Task<BlockCommitResult> committingOne = peer.Committer.CommitAsync(one.Clone());
        await state.ApplyReached.Task.WaitAsync(Hang);
        Assert.False(committingOne.IsCompleted);
        Assert.Empty(listener.Calls);
        release.SetResult();
        Assert.Equal([TxValidationCode.Valid, TxValidationCode.Valid], (await committingOne.WaitAsync(Hang)).Codes);
        Assert.Single(listener.Calls);

        var releaseAgain = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        state.HoldApplies = releaseAgain.Task;
        await peer.Committer.CommitAsync(two.Clone()).WaitAsync(Hang);
        Task<BlockCommitResult> committingThree = peer.Committer.CommitAsync(three.Clone());
        Assert.False(committingThree.IsCompleted);
        Assert.Single(listener.Calls);
        releaseAgain.SetResult();
        await committingThree.WaitAsync(Hang);
        Assert.Equal(4UL, peer.Committer.CommittedHeight);

        // Block 2 wrote nothing the listener listens to.
        Assert.Equal(
            [
                "testchannel block 1 [_lifecycle/namespaces/fields/mycc/Sequence=1@1:0] savepoint 1",
                "testchannel block 3 [_lifecycle/namespaces/fields/mycc/Sequence=2@3:0] savepoint 3",
            ],
            listener.Calls.Select(c => c.Replace(TestNetwork.ChannelId, "testchannel", StringComparison.Ordinal)));

        // Block 4 reaches the block store but not the state: the listener does not hear of it until recovery
        // re-applies it on reopen, where a new listener (a restarted process) hears it.
        state.FailApplies = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => peer.Committer.CommitAsync(four.Clone()).WaitAsync(Hang));
        Assert.Equal(5UL, peer.Blocks.Height);
        Assert.Equal(2, listener.Calls.Count);
        state.FailApplies = false;
        var afterRestart = new RecordingStateListener(state);
        using TestPeer reopened = await peer.ReopenAsync([afterRestart]);
        peer.Dispose();

        Assert.Equal(1, reopened.Committer.RecoveredBlocks);
        Assert.Equal(["testchannel block 4 [_lifecycle/namespaces/fields/mycc/Sequence=<deleted>@4:0] savepoint 4"],
            afterRestart.Calls.Select(c => c.Replace(TestNetwork.ChannelId, "testchannel", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task With_no_pending_state_writes_allowed_CommitAsync_returns_only_once_the_block_is_committed()
    {
        var chain = TestNetwork.Shared.NewChain();
        var state = new FailingStateDatabase(new InMemoryStateDatabase());
        using TestPeer peer = await TestPeer.JoinedAsync(chain, state, options: new BlockCommitterOptions { MaxPendingStateWrites = 0 });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        state.HoldApplies = release.Task;

        Task<BlockCommitResult> commit = peer.Committer.CommitAsync(chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "1").Build()).Build()));
        await state.ApplyReached.Task.WaitAsync(Hang);
        Assert.False(commit.IsCompleted);
        release.SetResult();

        Assert.Equal(BlockCommitStatus.Committed, (await commit.WaitAsync(Hang)).Status);
        Assert.Equal(2UL, peer.Committer.CommittedHeight);
        Assert.Equal("1", await StateDump.ValueAsync(state, "a"));
    }
}
