using Fabricish.Committer.Tests.Support;
using Fabricish.Ledger.History;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;
using Fabricish.Protos.Ledger.Queryresult;
using Fabricish.Testing;
using Fabricish.Testing.Transactions;

namespace Fabricish.Committer.Tests;

/// <summary>The history database beside the block store: it survives restarts, is rebuilt from the block store when
/// lost or cut short, and never names a block whose state is not committed.</summary>
public sealed class HistoryRecoveryTests
{
    private static TestNetwork Net => TestNetwork.Shared;

    [Fact]
    public async Task History_survives_a_restart_and_a_lost_history_or_one_behind_the_blocks_is_rebuilt_from_the_block_store()
    {
        var chain = TestNetwork.Shared.NewChain();
        TestPeer first = await TestPeer.JoinedAsync(chain);
        var write1 = new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "1").Build());
        var write2 = new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "2").Write("b", "2").Build());
        var delete = new EndorsedTransaction(Net.Org1Client, new RwSet().Delete("a").Build());
        await first.CommitAsync(chain.Cut(write1.Build()));

        // The history as it was after block 1, to put back later as a history that lost its last writes.
        using var earlier = new TempFolder();
        TestPeer peer = await first.ReopenAsync(whileClosed: directory => CopyFolder(HistoryOf(directory), earlier.Path));
        first.Dispose();
        await peer.CommitAsync(chain.Cut(write2.Build(), delete.Build()));
        string[] expected = [delete.TxId, write2.TxId, write1.TxId];
        Assert.Equal(expected, await TxIdsAsync(peer, "a"));
        string history = StateDump.Of(peer.Blocks.History);

        TestPeer restarted = await peer.ReopenAsync();
        peer.Dispose();
        Assert.Equal(expected, await TxIdsAsync(restarted, "a"));
        TestPeer rebuilt = await restarted.ReopenAsync(whileClosed: directory => Directory.Delete(HistoryOf(directory), recursive: true));
        restarted.Dispose();
        Assert.Equal(0, rebuilt.Committer.RecoveredBlocks);
        Assert.Equal(expected, await TxIdsAsync(rebuilt, "a"));
        Assert.Equal(history, StateDump.Of(rebuilt.Blocks.History));
        using TestPeer caughtUp = await rebuilt.ReopenAsync(whileClosed: directory =>
        {
            Directory.Delete(HistoryOf(directory), recursive: true);
            CopyFolder(earlier.Path, HistoryOf(directory));
        });
        rebuilt.Dispose();

        Assert.Equal(2UL, caughtUp.Blocks.History.Savepoint);
        Assert.Equal(history, StateDump.Of(caughtUp.Blocks.History));
        Assert.Equal([write2.TxId], await TxIdsAsync(caughtUp, "b"));
    }

    [Fact]
    public async Task A_block_whose_state_write_failed_has_no_history_until_recovery_commits_its_state()
    {
        var chain = TestNetwork.Shared.NewChain();
        var failing = new FailingStateDatabase(new InMemoryStateDatabase());
        using TestPeer peer = await TestPeer.JoinedAsync(chain, failing);
        var write1 = new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "1").Build());
        var write2 = new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "2").Build());
        await peer.CommitAsync(chain.Cut(write1.Build()));

        failing.FailApplies = true;
        await Assert.ThrowsAsync<StateDatabaseUnavailableException>(() => peer.CommitAsync(chain.Cut(write2.Build())));
        Assert.Equal(3UL, peer.Blocks.Height);
        Assert.Equal(1UL, peer.Blocks.History.Savepoint);
        Assert.Equal([write1.TxId], await TxIdsAsync(peer, "a"));
        failing.FailApplies = false;
        await peer.Committer.RecoverAsync();

        Assert.Equal(2UL, peer.Blocks.History.Savepoint);
        Assert.Equal([write2.TxId, write1.TxId], await TxIdsAsync(peer, "a"));
    }

    private static async Task<List<string>> TxIdsAsync(TestPeer peer, string key)
    {
        var txIds = new List<string>();
        await foreach (KeyModification modification in peer.History.GetHistoryForKeyAsync(TestNetwork.Chaincode, key))
        {
            txIds.Add(modification.TxId);
        }

        return txIds;
    }

    private static string HistoryOf(string directory) => Path.Combine(directory, HistoryDatabase.FileName);

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("fx-history-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
