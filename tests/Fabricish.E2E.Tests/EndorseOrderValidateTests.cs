using Fabricish.E2E.Tests.Network;
using Fabricish.Protos.Common;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Peer;
using Fabricish.Testing.Transactions;

namespace Fabricish.E2E.Tests;

/// <summary>Execute → order → validate through real processes: both organizations' peers endorse, the orderer
/// sequences through Kafka, both peers validate against AND('Org1MSP.peer','Org2MSP.peer') and commit to CouchDB.</summary>
[Collection(E2ENetworkCollection.Name)]
public sealed class EndorseOrderValidateTests(NetworkFixture network)
{
    private const string Chaincode = NetworkFixture.Chaincode;

    [Fact]
    public async Task A_transaction_endorsed_by_both_orgs_commits_valid_on_both_peers_with_identical_state()
    {
        string id = FabricClient.NewAssetId();
        ProposalDraft draft = ChaincodeProposals.Create(network.Org1User, NetworkFixture.ChannelId, Chaincode, "CreateAsset", id, "blue", "5", "Tomoko", "300");

        ProposalResponse[] responses = await FabricClient.EndorseAsync(draft, network.Org1Peer, network.Org2Peer);

        Assert.True(Proposals.EndorsedBy(responses[0], network.Org1Peer.Certificate, "Org1MSP"), "Org1's endorsement does not verify with the Org1 peer's certificate");
        Assert.True(Proposals.EndorsedBy(responses[1], network.Org2Peer.Certificate, "Org2MSP"), "Org2's endorsement does not verify with the Org2 peer's certificate");
        Assert.False(Proposals.EndorsedBy(responses[0], network.Org2Peer.Certificate, "Org2MSP"), "Org1's endorsement verified with Org2's certificate");
        Assert.Equal(responses[0].Payload, responses[1].Payload);

        CommittedTx[] commits = await FabricClient.SubmitAsync(network, ChaincodeProposals.Transaction(draft, network.Org1User, responses), draft.TxId);

        Assert.All(commits, c => Assert.Equal(TxValidationCode.Valid, c.ValidationCode));
        Assert.Equal(commits[0], commits[1]);
        StateDigest[] states = await StateDigest.SettledAsync(network.Peers, NetworkFixture.ChannelId);
        Assert.Contains(id, states[0].Dump, StringComparison.Ordinal);
        Assert.True(states[0].Hash == states[1].Hash, $"the peers' states differ:\nOrg1:\n{states[0].Dump}\nOrg2:\n{states[1].Dump}");
    }

    [Fact]
    public async Task The_read_set_of_an_endorsement_carries_the_committed_version()
    {
        string id = FabricClient.NewAssetId();
        ProposalDraft create = ChaincodeProposals.Create(network.Org1User, NetworkFixture.ChannelId, Chaincode, "CreateAsset", id, "red", "7", "Tomoko", "500");
        ProposalResponse[] created = await FabricClient.EndorseAsync(create, network.Org1Peer, network.Org2Peer);
        CommittedTx[] commits = await FabricClient.SubmitAsync(network, ChaincodeProposals.Transaction(create, network.Org1User, created), create.TxId);
        Assert.All(commits, c => Assert.Equal(TxValidationCode.Valid, c.ValidationCode));

        ProposalDraft transfer = ChaincodeProposals.Create(network.Org1User, NetworkFixture.ChannelId, Chaincode, "TransferAsset", id, "Max");
        ProposalResponse[] transfers = await FabricClient.EndorseAsync(transfer, network.Org1Peer, network.Org2Peer);

        foreach (ProposalResponse response in transfers)
        {
            KVRead read = Assert.Single(Proposals.ReadWriteSet(response, Chaincode).Reads, r => r.Key == id);
            Assert.NotNull(read.Version);
            Assert.Equal((commits[0].BlockNumber, (ulong)commits[0].TxIndex), (read.Version.BlockNum, read.Version.TxNum));
        }
    }

    [Fact]
    public async Task A_transaction_endorsed_by_one_org_only_is_invalid_and_changes_nothing()
    {
        string id = FabricClient.NewAssetId();
        ProposalDraft draft = ChaincodeProposals.Create(network.Org1User, NetworkFixture.ChannelId, Chaincode, "CreateAsset", id, "green", "3", "Tomoko", "100");
        ProposalResponse[] org1Only = await FabricClient.EndorseAsync(draft, network.Org1Peer);
        StateDigest[] before = await StateDigest.SettledAsync(network.Peers, NetworkFixture.ChannelId, includeSavepoint: false);

        CommittedTx[] commits = await FabricClient.SubmitAsync(network, ChaincodeProposals.Transaction(draft, network.Org1User, org1Only), draft.TxId);

        Assert.All(commits, c => Assert.Equal(TxValidationCode.EndorsementPolicyFailure, c.ValidationCode));
        StateDigest[] after = await StateDigest.SettledAsync(network.Peers, NetworkFixture.ChannelId, includeSavepoint: false);
        for (int i = 0; i < after.Length; i++)
        {
            Assert.DoesNotContain(id, after[i].Dump, StringComparison.Ordinal);
            Assert.True(before[i].Hash == after[i].Hash, $"{network.Peers[i].MspId} peer's state changed:\nbefore:\n{before[i].Dump}\nafter:\n{after[i].Dump}");
        }
    }
}
