using System.Text;
using Fabricish.Channels.PrivateData;
using Fabricish.Committer.Tests.Support;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;
using Fabricish.Protos.Common;
using Fabricish.Testing;
using Fabricish.Testing.Transactions;

namespace Fabricish.Committer.Tests;

/// <summary>A member peer killed at any step of committing private data restarts to what a peer that never stopped
/// holds: the blockToLive purge happens exactly once the expiring block is in (Fabric's purge manager keeps the expiry
/// schedule until the state write that purged is done, and recovery runs the commit path again), and private values
/// whose metadata alone a block changed get that block's version on replay too.</summary>
public sealed class PrivateDataCrashTests
{
    private const string Collection = "Org1Org2";
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    public enum CrashPoint
    {
        AfterPrivateDataBeforeAppend,
        AfterAppendBeforeStateWrite,
        AfterStateWriteBeforeSavepoint,
    }

    private static TestNetwork Net => TestNetwork.Shared;

    private static string PrivateNs => PrivateDataKeys.PrivateNamespace(TestNetwork.Chaincode, Collection);

    private static string HashedNs => PrivateDataKeys.HashedNamespace(TestNetwork.Chaincode, Collection);

    [Theory]
    [InlineData(CrashPoint.AfterPrivateDataBeforeAppend)]
    [InlineData(CrashPoint.AfterAppendBeforeStateWrite)]
    [InlineData(CrashPoint.AfterStateWriteBeforeSavepoint)]
    public async Task A_peer_killed_while_committing_the_block_where_blockToLive_runs_out_purges_the_private_data_after_restart(CrashPoint crash)
    {
        // blockToLive 1: written at block 1, readable through block 2, purged when block 3 commits.
        TestChain chain = Net.NewChain();
        RwSet secret = new RwSet().Write("pub", "1").PrivateWrite(Collection, "k", "secret");
        var endorsed = new EndorsedTransaction(Net.Org1Client, secret.Build());
        Block[] blocks = [chain.Cut(endorsed.Build()), chain.Cut(Tx(new RwSet().Write("x", "2"))), chain.Cut(Tx(new RwSet().Write("y", "3")))];
        using var referenceData = new PrivateDataDouble(eligible: true, blockToLive: 1);
        referenceData.Local[endorsed.TxId] = secret.BuildPrivate();
        using TestPeer reference = await TestPeer.JoinedAsync(chain, privateData: referenceData);
        using var data = new PrivateDataDouble(eligible: true, blockToLive: 1);
        data.Local[endorsed.TxId] = secret.BuildPrivate();
        var state = new FailingStateDatabase(new InMemoryStateDatabase());
        var options = new BlockCommitterOptions
        {
            MaxPendingStateWrites = 0,
            AfterStateWrite = (from, to) =>
            {
                if (crash == CrashPoint.AfterStateWriteBeforeSavepoint && from <= 3 && 3 <= to)
                {
                    throw new StateDatabaseUnavailableException("killed after the state write of block 3");
                }
            },
        };
        TestPeer peer = await TestPeer.JoinedAsync(chain, state, options: options, privateData: data);
        foreach (Block block in blocks)
        {
            Assert.Equal(BlockCommitStatus.Committed, (await reference.CommitAsync(block.Clone())).Status);
        }

        Assert.Equal(BlockCommitStatus.Committed, (await peer.CommitAsync(blocks[0].Clone())).Status);
        Assert.Equal(BlockCommitStatus.Committed, (await peer.CommitAsync(blocks[1].Clone())).Status);
        Assert.NotNull(await state.GetStateAsync(PrivateNs, "k"));
        data.OnCommitted = crash == CrashPoint.AfterPrivateDataBeforeAppend
            ? _ => throw new IOException("killed before block 3 reached the block store")
            : null;
        state.FailApplies = crash == CrashPoint.AfterAppendBeforeStateWrite;
        await Assert.ThrowsAnyAsync<Exception>(() => peer.Committer.CommitAsync(blocks[2].Clone()).WaitAsync(Hang));

        data.OnCommitted = null;
        state.FailApplies = false;
        using TestPeer restarted = await peer.ReopenAsync();
        peer.Dispose();
        if (restarted.Blocks.Height == 3)
        {
            // The orderer delivers the block the killed peer never stored.
            Assert.Equal(BlockCommitStatus.Committed, (await restarted.CommitAsync(blocks[2].Clone())).Status);
        }

        Assert.Null(await restarted.State.GetStateAsync(PrivateNs, "k"));
        Assert.Null(await restarted.State.GetStateAsync(HashedNs, PrivateDataKeys.HashedKey("k")));
        Assert.Equal(await PrivateDumpAsync(reference.State), await PrivateDumpAsync(restarted.State));
        Assert.Equal(await StateDump.OfAsync(reference), await StateDump.OfAsync(restarted));
        Assert.Null(data.Store.Get(endorsed.TxId, TestNetwork.Chaincode, Collection));
        Assert.Empty(data.Store.ExpiringBy(ulong.MaxValue - 1));
    }

    [Fact]
    public async Task A_replayed_metadata_only_write_moves_the_private_value_to_the_new_version_of_its_hash()
    {
        TestChain chain = Net.NewChain();
        RwSet secret = new RwSet().PrivateWrite(Collection, "k", "secret");
        RwSet labelled = new RwSet().PrivateMetadataWrite(Collection, "k", ("label", [1]));
        var first = new EndorsedTransaction(Net.Org1Client, secret.Build());
        var second = new EndorsedTransaction(Net.Org1Client, labelled.Build());
        Block[] blocks = [chain.Cut(first.Build()), chain.Cut(second.Build())];
        using var referenceData = new PrivateDataDouble(eligible: true);
        referenceData.Local[first.TxId] = secret.BuildPrivate();
        referenceData.Local[second.TxId] = labelled.BuildPrivate();
        using TestPeer reference = await TestPeer.JoinedAsync(chain, privateData: referenceData);
        using var data = new PrivateDataDouble(eligible: true);
        data.Local[first.TxId] = secret.BuildPrivate();
        data.Local[second.TxId] = labelled.BuildPrivate();
        var state = new FailingStateDatabase(new InMemoryStateDatabase());
        TestPeer peer = await TestPeer.JoinedAsync(chain, state, options: new BlockCommitterOptions { MaxPendingStateWrites = 0 }, privateData: data);
        foreach (Block block in blocks)
        {
            Assert.Equal(BlockCommitStatus.Committed, (await reference.CommitAsync(block.Clone())).Status);
        }

        Assert.Equal(BlockCommitStatus.Committed, (await peer.CommitAsync(blocks[0].Clone())).Status);
        state.FailApplies = true;
        await Assert.ThrowsAsync<StateDatabaseUnavailableException>(() => peer.Committer.CommitAsync(blocks[1].Clone()).WaitAsync(Hang));
        state.FailApplies = false;
        using TestPeer restarted = await peer.ReopenAsync();
        peer.Dispose();

        Assert.Equal(1, restarted.Committer.RecoveredBlocks);
        VersionedValue value = (await restarted.State.GetStateAsync(PrivateNs, "k"))!;
        Assert.Equal(("secret", new Height(2, 0)), (Encoding.UTF8.GetString(value.Value), value.Version));
        Assert.Equal(await PrivateDumpAsync(reference.State), await PrivateDumpAsync(restarted.State));
    }

    private static async Task<string> PrivateDumpAsync(IStateDatabase state)
    {
        var text = new StringBuilder();
        foreach (string ns in new[] { PrivateNs, HashedNs })
        {
            await foreach (VersionedKV kv in state.GetStateRangeAsync(ns, "", ""))
            {
                text.Append(ns).Append('/').Append(kv.Key).Append('=').Append(Convert.ToHexString(kv.VersionedValue.Value))
                    .Append('@').Append(kv.VersionedValue.Version).Append('\n');
            }
        }

        return text.ToString();
    }

    private static Envelope Tx(RwSet rwSet) => new EndorsedTransaction(Net.Org1Client, rwSet.Build()).Build();
}
