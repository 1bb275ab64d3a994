using System.Text;
using Fabricish.Channels.PrivateData;
using Fabricish.Committer.PrivateData;
using Fabricish.Committer.Tests.Support;
using Fabricish.Ledger.PrivateData;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;
using Fabricish.Protos.Common;
using Fabricish.Testing;
using Fabricish.Testing.Transactions;

namespace Fabricish.Committer.Tests;

/// <summary>Fabric's ineligible missing data and collection eligibility processing: a peer outside a collection keeps
/// a record of each private write set it did not receive, and when a later chaincode definition makes its organization
/// a member, those records become missing data the reconciler fetches.</summary>
public sealed class PrivateDataEligibilityTests
{
    private const string Collection = "Org1Org2";

    private static TestNetwork Net => TestNetwork.Shared;

    [Fact]
    public async Task A_definition_that_makes_the_peers_org_a_member_queues_the_earlier_private_data_for_reconciliation()
    {
        TestChain chain = Net.NewChain();
        RwSet secret = new RwSet().PrivateWrite(Collection, "k", "secret");
        var endorsed = new EndorsedTransaction(Net.Org1Client, secret.Build());
        using var data = new PrivateDataDouble(eligible: false);
        var state = new InMemoryStateDatabase();
        using TestPeer peer = await TestPeer.JoinedAsync(chain, state, listeners: [new RecordingStateListener(state)], privateData: data);

        Assert.Equal(BlockCommitStatus.Committed, (await peer.CommitAsync(chain.Cut(endorsed.Build()))).Status);
        Assert.Empty(data.Store.Missing(10));
        Assert.Equal(0, data.Asked);
        Assert.Equal([(TestNetwork.Chaincode, Collection)], data.Store.IneligibleCollections());

        // The definitions listener now sees a definition with this peer's organization in the collection.
        data.Eligible = true;
        Block definition = chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet(TestPeer.LifecycleNamespace).Write("namespaces/fields/mycc/Sequence", "2").Build()).Build());
        Assert.Equal(BlockCommitStatus.Committed, (await peer.CommitAsync(definition)).Status);

        MissingPrivateData missing = Assert.Single(data.Store.Missing(10));
        Assert.Equal((1UL, 0UL, endorsed.TxId, TestNetwork.Chaincode, Collection), (missing.BlockNumber, missing.TxNumber, missing.TxId, missing.Namespace, missing.Collection));
        Assert.Empty(data.Store.IneligibleCollections());

        // What the reconciler does with it: pulls the set from a member and commits it as private data of an old block.
        byte[] rwset = secret.BuildPrivate().NsPvtRwset[0].CollectionPvtRwset[0].Rwset.ToByteArray();
        ReconcileOutcome outcome = await peer.Committer.CommitReconciledPrivateDataAsync([new ReconciledPrivateData(missing, rwset)]);

        Assert.Equal(new ReconcileOutcome(1, 1, 0, 0), outcome);
        VersionedValue value = (await state.GetStateAsync(PrivateDataKeys.PrivateNamespace(TestNetwork.Chaincode, Collection), "k"))!;
        Assert.Equal(("secret", new Height(1, 0)), (Encoding.UTF8.GetString(value.Value), value.Version));
        Assert.Empty(data.Store.Missing(10));
    }

    [Fact]
    public async Task A_peer_reopened_after_a_definition_made_it_a_member_queues_the_ineligible_entries_it_had_not_processed()
    {
        TestChain chain = Net.NewChain();
        RwSet secret = new RwSet().PrivateWrite(Collection, "k", "secret");
        using var data = new PrivateDataDouble(eligible: false);
        TestPeer peer = await TestPeer.JoinedAsync(chain, privateData: data);
        Assert.Equal(BlockCommitStatus.Committed, (await peer.CommitAsync(chain.Cut(new EndorsedTransaction(Net.Org1Client, secret.Build()).Build()))).Status);

        data.Eligible = true;
        using TestPeer restarted = await peer.ReopenAsync();
        peer.Dispose();

        Assert.Single(data.Store.Missing(10));
    }
}
