using System.Text;
using Fabricish.Committer.Tests.Support;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;
using Fabricish.Protos.Common;
using Fabricish.Protos.Ledger.Queryresult;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Transactions;

namespace Fabricish.Committer.Tests;

/// <summary>Block-level behaviour: ordering, duplicates, parallel equivalence, the stored filter, history and crash
/// recovery.</summary>
public sealed class BlockCommitterTests
{
    private static TestNetwork Net => TestNetwork.Shared;

    [Fact]
    public async Task A_txid_repeated_in_the_same_block_or_a_later_block_is_DUPLICATE_TXID()
    {
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);
        var original = new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "1").Build());
        var replay = original with { Results = new RwSet().Write("a", "replayed").Build() };

        BlockCommitResult first = await peer.CommitAsync(chain.Cut(original.Build(), replay.Build()));
        BlockCommitResult later = await peer.CommitAsync(chain.Cut(replay.Build()));

        Assert.Equal([TxValidationCode.Valid, TxValidationCode.DuplicateTxid], first.Codes);
        Assert.Equal([TxValidationCode.DuplicateTxid], later.Codes);
        Assert.Equal("1", await StateDump.ValueAsync(peer.State, "a"));
    }

    [Fact]
    public async Task An_invalid_first_occurrence_does_not_claim_its_txid_within_the_block()
    {
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);
        var valid = new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "1").Build());
        var unendorsed = valid with { Endorsers = [Net.Org1Peer] };

        BlockCommitResult result = await peer.CommitAsync(chain.Cut(unendorsed.Build(), valid.Build()));

        Assert.Equal([TxValidationCode.EndorsementPolicyFailure, TxValidationCode.Valid], result.Codes);
    }

    [Fact]
    public async Task Parallel_and_sequential_validation_give_identical_codes_and_state()
    {
        var chain = TestNetwork.Shared.NewChain();
        var dup = new EndorsedTransaction(Net.Org1Client, new RwSet().Write("d", "1").Build());
        Block block = chain.Cut(
            new EndorsedTransaction(Net.Org1Client, new RwSet().Read("a", null).Write("a", "1").Build()).Build(),
            new EndorsedTransaction(Net.Org1Client, new RwSet().Read("a", null).Write("a", "2").Build()).Build(),
            new EndorsedTransaction(Net.Org1Client, new RwSet().Write("b", "1").Build()) { Endorsers = [Net.Org2Peer] }.Build(),
            new EndorsedTransaction(Net.Org1Client, new RwSet().Write("c", "1").Build()) { EnvelopeSigner = Net.Org1Admin }.Build(),
            dup.Build(),
            dup.Build(),
            new EndorsedTransaction(Net.Org1Client, new RwSet().Write("e", "1").Build()).Build());
        using TestPeer parallel = await TestPeer.JoinedAsync(chain, parallel: true);
        using TestPeer sequential = await TestPeer.JoinedAsync(chain, parallel: false);

        BlockCommitResult inParallel = await parallel.CommitAsync(block.Clone());
        BlockCommitResult inSequence = await sequential.CommitAsync(block.Clone());

        TxValidationCode[] expected =
        [
            TxValidationCode.Valid, TxValidationCode.MvccReadConflict, TxValidationCode.EndorsementPolicyFailure,
            TxValidationCode.BadCreatorSignature, TxValidationCode.Valid, TxValidationCode.DuplicateTxid, TxValidationCode.Valid,
        ];
        Assert.Equal(expected, inParallel.Codes);
        Assert.Equal(expected, inSequence.Codes);
        Assert.Equal(await StateDump.OfAsync(sequential), await StateDump.OfAsync(parallel));
    }

    [Fact]
    public async Task Transactions_sharing_creator_and_endorsers_in_a_block_are_each_judged_by_their_own_signatures()
    {
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);
        var good = new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "1").Build());

        BlockCommitResult result = await peer.CommitAsync(chain.Cut(
            good.Build(),
            (good with { Nonce = [1, 2, 3], Results = new RwSet().Write("b", "1").Build(), EnvelopeSigner = Net.Org1Admin }).Build(),
            (good with { Nonce = [4, 5, 6], Results = new RwSet().Write("c", "1").Build(), TamperedEndorsement = 1 }).Build(),
            (good with { Nonce = [7, 8, 9], Results = new RwSet().Write("d", "1").Build() }).Build()));

        Assert.Equal([TxValidationCode.Valid, TxValidationCode.BadCreatorSignature, TxValidationCode.EndorsementPolicyFailure, TxValidationCode.Valid], result.Codes);
    }

    [Fact]
    public async Task Blocks_out_of_order_unchained_or_unverified_are_refused_and_a_resent_block_is_already_committed()
    {
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);
        Block one = chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "1").Build()).Build());
        Block two = chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "2").Build()).Build());
        Block forged = one.Clone();
        forged.Header.PreviousHash = Google.Protobuf.ByteString.CopyFrom(new byte[32]);

        Assert.Equal(BlockCommitStatus.Refused, (await peer.CommitAsync(two.Clone())).Status);
        Assert.Equal(BlockCommitStatus.Refused, (await peer.CommitAsync(forged)).Status);
        peer.Verifier.RefuseNumber = 1;
        Assert.Equal(BlockCommitStatus.Refused, (await peer.CommitAsync(one.Clone())).Status);
        Assert.Equal(1UL, peer.Blocks.Height);
        peer.Verifier.RefuseNumber = null;
        Assert.Equal(BlockCommitStatus.Committed, (await peer.CommitAsync(one.Clone())).Status);
        Assert.Equal(BlockCommitStatus.AlreadyCommitted, (await peer.CommitAsync(one.Clone())).Status);
        Assert.Equal("1", await StateDump.ValueAsync(peer.State, "a"));
    }

    [Fact]
    public async Task History_lists_valid_writes_and_deletes_of_a_key_newest_first()
    {
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);
        var write1 = new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "1").Write("a\0b", "composite").Build());
        var rejected = new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "never").Build()) { Endorsers = [Net.Org1Peer] };
        var write2 = new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "2").Build());
        var delete = new EndorsedTransaction(Net.Org1Client, new RwSet().Delete("a").Build());
        await peer.CommitAsync(chain.Cut(write1.Build(), rejected.Build()));
        await peer.CommitAsync(chain.Cut(write2.Build(), delete.Build()));

        var history = new List<KeyModification>();
        await foreach (KeyModification modification in peer.History.GetHistoryForKeyAsync(TestNetwork.Chaincode, "a"))
        {
            history.Add(modification);
        }

        Assert.Equal([delete.TxId, write2.TxId, write1.TxId], history.Select(h => h.TxId));
        Assert.Equal([true, false, false], history.Select(h => h.IsDelete));
        Assert.Equal(["", "2", "1"], history.Select(h => h.Value.ToStringUtf8()));
    }

    [Fact]
    public async Task A_block_appended_but_not_applied_to_state_is_replayed_on_reopen_to_match_a_normal_peer()
    {
        var chain = TestNetwork.Shared.NewChain();
        Block one = chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "1").Write("b", "1").Build()).Build());
        Block two = chain.Cut(
            new EndorsedTransaction(Net.Org1Client, new RwSet().Read("a", new Height(1, 0)).Write("a", "2").Delete("b").Build()).Build(),
            new EndorsedTransaction(Net.Org1Client, new RwSet().Read("a", new Height(1, 0)).Write("a", "conflict").Build()).Build());
        using TestPeer normal = await TestPeer.JoinedAsync(chain);
        await normal.CommitAsync(one.Clone());
        await normal.CommitAsync(two.Clone());
        var failing = new FailingStateDatabase(new InMemoryStateDatabase());
        TestPeer crashed = await TestPeer.JoinedAsync(chain, failing);
        await crashed.CommitAsync(one.Clone());

        failing.FailApplies = true;
        await Assert.ThrowsAsync<StateDatabaseUnavailableException>(() => crashed.CommitAsync(two.Clone()));
        Assert.Equal(3UL, crashed.Blocks.Height);
        Assert.Equal(new Height(1, 0), await failing.GetLatestSavepointAsync());
        failing.FailApplies = false;
        using TestPeer reopened = await crashed.ReopenAsync();
        crashed.Dispose();

        Assert.Equal(1, reopened.Committer.RecoveredBlocks);
        Assert.Equal(await StateDump.OfAsync(normal), await StateDump.OfAsync(reopened));
        Block next = chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet().Read("a", new Height(2, 0)).Write("a", "3").Build()).Build());
        Assert.Equal([TxValidationCode.Valid], (await reopened.CommitAsync(next)).Codes);
    }

    [Fact]
    public async Task After_a_failed_state_write_commits_are_refused_until_RecoverAsync_replays_the_block()
    {
        var chain = TestNetwork.Shared.NewChain();
        var failing = new FailingStateDatabase(new InMemoryStateDatabase());
        using TestPeer peer = await TestPeer.JoinedAsync(chain, failing);
        Block one = chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "1").Build()).Build());
        Block two = chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "2").Build()).Build());

        failing.FailApplies = true;
        await Assert.ThrowsAsync<StateDatabaseUnavailableException>(() => peer.CommitAsync(one));
        failing.FailApplies = false;
        await Assert.ThrowsAsync<InvalidOperationException>(() => peer.CommitAsync(two.Clone()));
        await peer.Committer.RecoverAsync();

        Assert.Equal("1", await StateDump.ValueAsync(peer.State, "a"));
        Assert.Equal(BlockCommitStatus.Committed, (await peer.CommitAsync(two)).Status);
        Assert.Equal("2", await StateDump.ValueAsync(peer.State, "a"));
    }

    [Fact]
    public async Task Reopening_a_peer_whose_state_is_current_replays_nothing()
    {
        var chain = TestNetwork.Shared.NewChain();
        TestPeer peer = await TestPeer.JoinedAsync(chain);
        await peer.CommitAsync(chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "1").Build()).Build()));
        string before = await StateDump.OfAsync(peer);

        using TestPeer reopened = await peer.ReopenAsync();
        peer.Dispose();

        Assert.Equal(0, reopened.Committer.RecoveredBlocks);
        Assert.Equal(before, await StateDump.OfAsync(reopened));
        Assert.Contains("a=1@1:0", before, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetBytes("1"), (await reopened.State.GetStateAsync(TestNetwork.Chaincode, "a"))!.Value);
    }
}
