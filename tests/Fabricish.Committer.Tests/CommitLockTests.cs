using System.Text;
using Fabricish.Committer.Tests.Support;
using Fabricish.Endorser.Simulation;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;
using Fabricish.Testing;
using Fabricish.Testing.Transactions;

namespace Fabricish.Committer.Tests;

/// <summary>The committer and the endorser's simulations sharing a channel's commit lock, as Fabric's commitRWLock:
/// a simulation never reads a state write half done, and a state write waits for the simulations in progress.</summary>
public sealed class CommitLockTests
{
    // Only a guard against a hang, never a measurement.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    private static TestNetwork Net => TestNetwork.Shared;

    [Fact]
    public async Task A_simulation_started_while_a_block_is_committing_reads_the_committed_block_without_state_moved()
    {
        var chain = TestNetwork.Shared.NewChain();
        var state = new FailingStateDatabase(new InMemoryStateDatabase());
        var commitLock = new StateCommitLock();
        using TestPeer peer = await TestPeer.JoinedAsync(chain, state, commitLock: commitLock);
        await peer.CommitAsync(chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "1").Write("b", "1").Build()).Build()));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        state.HoldApplies = release.Task;

        Task<BlockCommitResult> commit = peer.CommitAsync(chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "2").Write("b", "2").Build()).Build()));
        await state.ApplyReached.Task.WaitAsync(Hang);
        Assert.Equal(3UL, peer.Blocks.Height);
        Task<TxSimulator> simulation = TxSimulator.CreateAsync(state, "tx-during-commit", null, commitLock);
        Assert.False(simulation.IsCompleted);
        release.SetResult();
        Assert.Equal(BlockCommitStatus.Committed, (await commit.WaitAsync(Hang)).Status);

        using TxSimulator simulator = await simulation.WaitAsync(Hang);
        Assert.Equal(2UL, simulator.Snapshot?.BlockNum);
        Assert.Equal("2", Encoding.UTF8.GetString((await simulator.GetStateAsync(TestNetwork.Chaincode, "a"))!));
        Assert.Equal("2", Encoding.UTF8.GetString((await simulator.GetStateAsync(TestNetwork.Chaincode, "b"))!));
    }

    [Fact]
    public async Task A_block_is_not_written_while_a_simulation_holds_the_lock_and_is_once_it_is_done()
    {
        var chain = TestNetwork.Shared.NewChain();
        var state = new FailingStateDatabase(new InMemoryStateDatabase());
        var commitLock = new StateCommitLock();
        using TestPeer peer = await TestPeer.JoinedAsync(chain, state, commitLock: commitLock);
        await peer.CommitAsync(chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "1").Build()).Build()));
        TxSimulator simulator = await TxSimulator.CreateAsync(state, "tx-before-commit", null, commitLock);

        // The block may be validated and appended meanwhile; its state write waits for the simulation to finish, so
        // the simulation keeps reading block 1 throughout and the block does not count as committed.
        Task<BlockCommitResult> commit = peer.CommitAsync(chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "2").Build()).Build()));
        await WaitUntilAsync(() => commitLock.WaitingWriters == 1);
        Assert.Equal("1", Encoding.UTF8.GetString((await simulator.GetStateAsync(TestNetwork.Chaincode, "a"))!));
        Assert.Equal(2UL, peer.Committer.CommittedHeight);
        Assert.False(commit.IsCompleted);
        simulator.GetTxSimulationResults();

        Assert.Equal(BlockCommitStatus.Committed, (await commit.WaitAsync(Hang)).Status);
        Assert.Equal(3UL, peer.Blocks.Height);
        Assert.Equal(3UL, peer.Committer.CommittedHeight);
        Assert.Equal("2", await StateDump.ValueAsync(state, "a"));
        Assert.Equal(0, commitLock.ActiveReaders);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Hang);
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
