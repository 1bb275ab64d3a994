using Fabricish.Committer.Tests.Support;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.Embedded;
using Fabricish.Protos.Common;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Fabricish.Testing.Transactions;

namespace Fabricish.Committer.Tests;

/// <summary>A committer on the embedded state database that dies where the peer's fault-injection hook kills it (right
/// after a block's state write) restarts from what the store holds and ends with the state of a peer that never
/// crashed: the store's savepoint travelled in the same write batch as the block's state.</summary>
public sealed class EmbeddedStateCrashTests
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    private static TestNetwork Net => TestNetwork.Shared;

    [Fact]
    public async Task A_committer_on_the_embedded_store_stopped_right_after_a_state_write_restarts_to_the_state_of_one_never_stopped()
    {
        var chain = TestNetwork.Shared.NewChain();
        Block[] blocks =
        [
            chain.Cut(Tx(new RwSet().Write("a", "{\"v\":1}").Write("b", "1"))),
            chain.Cut(Tx(new RwSet().Read("a", new Height(1, 0)).Write("a", "{\"v\":2}").Delete("b"))),
            chain.Cut(Tx(new RwSet().Read("b", null).Write("b", "3").Write("c", "3"))),
        ];
        using TestPeer reference = await TestPeer.JoinedAsync(chain);
        foreach (Block block in blocks)
        {
            Assert.Equal(BlockCommitStatus.Committed, (await reference.CommitAsync(block.Clone())).Status);
        }

        using var folder = new ScratchDirectory("block-store");
        string storePath = Path.Combine(folder.FullPath, "statedb");
        EmbeddedStateDatabase first = EmbeddedStateDatabase.Open(storePath);
        var state = new RecordingStateDatabase(first);
        var options = new BlockCommitterOptions
        {
            MaxPendingStateWrites = 0,
            AfterStateWrite = (from, to) =>
            {
                if (from <= 2 && 2 <= to)
                {
                    // Where Peer:FaultInjection kills the process: nothing after this point runs.
                    throw new StateDatabaseUnavailableException("killed after the state write of block 2");
                }
            },
        };
        TestPeer peer = await TestPeer.JoinedAsync(chain, state, options: options);
        Assert.Equal(BlockCommitStatus.Committed, (await peer.CommitAsync(blocks[0].Clone())).Status);
        await Assert.ThrowsAsync<StateDatabaseUnavailableException>(() => peer.Committer.CommitAsync(blocks[1].Clone()).WaitAsync(Hang));

        // What the "killed" process left: block 2's state and its savepoint, together.
        first.Dispose();
        using EmbeddedStateDatabase reopened = EmbeddedStateDatabase.Open(storePath);
        Assert.Equal(2UL, (await reopened.GetLatestSavepointAsync())!.Value.BlockNum);
        state.Inner = reopened;
        using TestPeer restarted = await peer.ReopenAsync();
        peer.Dispose();
        Assert.Equal(BlockCommitStatus.Committed, (await restarted.CommitAsync(blocks[2].Clone())).Status);

        Assert.Equal(0, restarted.Committer.RecoveredBlocks);
        Assert.Equal(await StateDump.OfAsync(reference), await StateDump.OfAsync(restarted));
    }

    private static Envelope Tx(RwSet rwSet) => new EndorsedTransaction(Net.Org1Client, rwSet.Build()).Build();
}
