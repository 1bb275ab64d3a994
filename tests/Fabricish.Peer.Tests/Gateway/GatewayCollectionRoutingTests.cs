using Fabricish.Peer.Tests.Gateway.Support;
using Fabricish.Protos.Common;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Grpc.Core;

namespace Fabricish.Peer.Tests.Gateway;

/// <summary>The gateway plans further endorsers from the first (local) endorsement's ChaincodeInterest as Fabric's
/// planFromFirstEndorser does: a collection read admits only its member organisations, and with transient data every
/// collection touched does; endorsing_organizations overrides the plan.</summary>
public sealed class GatewayCollectionRoutingTests
{
    private const string Shared = "SharedSecrets";
    private const string Org1Only = "Org1Secrets";

    [Fact]
    public async Task A_read_of_a_collection_of_both_organisations_is_endorsed_by_both()
    {
        await using GatewayScenario scenario = await StartAsync(Call(Shared, noPrivateReads: false));
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(scenario.Network.Org1Client, GatewayScenario.Chaincode, ["ReadSecret", "s1"]);

        EndorseResponse response = await scenario.Client.EndorseAsync(GatewayRequests.Endorse(proposal, txId));

        Assert.Equal(2, Endorsements(response).Count);
        Assert.Equal((1, 1), (scenario.Local.Calls, scenario.Org2.Calls));
    }

    [Fact]
    public async Task A_read_of_a_collection_the_policys_other_organisation_is_not_member_of_fails_with_fabrics_error_without_asking_it()
    {
        await using GatewayScenario scenario = await StartAsync(Call(Org1Only, noPrivateReads: false));
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(scenario.Network.Org1Client, GatewayScenario.Chaincode, ["ReadSecret", "s1"]);

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => scenario.Client.EndorseAsync(GatewayRequests.Endorse(proposal, txId)).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("no combination of peers can be derived which satisfy the endorsement policy: no peer combination can satisfy the endorsement policy", error.Status.Detail);
        Assert.Equal(0, scenario.Org2.Calls);
    }

    [Fact]
    public async Task A_write_only_to_a_collection_without_transient_data_may_be_endorsed_by_a_non_member()
    {
        await using GatewayScenario scenario = await StartAsync(Call(Org1Only, noPrivateReads: true));
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(scenario.Network.Org1Client, GatewayScenario.Chaincode, ["Forget", "s1"]);

        EndorseResponse response = await scenario.Client.EndorseAsync(GatewayRequests.Endorse(proposal, txId));

        Assert.Equal(2, Endorsements(response).Count);
    }

    [Fact]
    public async Task Transient_data_for_a_collection_of_one_organisation_is_not_sent_to_another_and_the_error_says_how_to_proceed()
    {
        await using GatewayScenario scenario = await StartAsync(Call(Org1Only, noPrivateReads: true));
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(
            scenario.Network.Org1Client, GatewayScenario.Chaincode, ["StoreSecret", "s1"], transient: new Dictionary<string, byte[]> { ["secret"] = [1, 2, 3] });

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => scenario.Client.EndorseAsync(GatewayRequests.Endorse(proposal, txId)).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal(
            "requires endorsement from organisation(s) that are not in the distribution policy of the private data collection(s): [Org1Secrets]; retry specifying trusted endorsing organizations to protect transient data",
            error.Status.Detail);
        Assert.Equal(0, scenario.Org2.Calls);
    }

    [Fact]
    public async Task Transient_data_for_a_collection_of_both_organisations_is_endorsed_by_both()
    {
        await using GatewayScenario scenario = await StartAsync(Call(Shared, noPrivateReads: true));
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(
            scenario.Network.Org1Client, GatewayScenario.Chaincode, ["StoreSecret", "s1"], transient: new Dictionary<string, byte[]> { ["secret"] = [1, 2, 3] });

        EndorseResponse response = await scenario.Client.EndorseAsync(GatewayRequests.Endorse(proposal, txId));

        Assert.Equal(2, Endorsements(response).Count);
    }

    [Fact]
    public async Task Endorsing_organisations_named_by_the_client_are_asked_whatever_the_collections()
    {
        await using GatewayScenario scenario = await StartAsync(Call(Org1Only, noPrivateReads: true));
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(
            scenario.Network.Org1Client, GatewayScenario.Chaincode, ["StoreSecret", "s1"], transient: new Dictionary<string, byte[]> { ["secret"] = [1, 2, 3] });

        EndorseResponse response = await scenario.Client.EndorseAsync(GatewayRequests.Endorse(proposal, txId, "Org1MSP"));

        Assert.Single(Endorsements(response));
        Assert.Equal(0, scenario.Org2.Calls);
    }

    private static ChaincodeCall Call(string collection, bool noPrivateReads) =>
        new() { Name = GatewayScenario.Chaincode, CollectionNames = { collection }, NoPrivateReads = noPrivateReads };

    /// <summary>A scenario whose chaincode needs AND(Org1, Org2) and whose local peer reports <paramref name="call"/>.</summary>
    private static async Task<GatewayScenario> StartAsync(ChaincodeCall call)
    {
        var scenario = new GatewayScenario();
        scenario.Collections.Add(GatewayScenario.Chaincode, Shared, "OR('Org1MSP.member','Org2MSP.member')").Add(GatewayScenario.Chaincode, Org1Only, "OR('Org1MSP.member')");
        scenario.Local.Answer = (proposal, _) =>
        {
            ProposalResponse response = TestEndorsements.Success(proposal, TestNetwork.Shared.Org1Peer);
            response.Interest = new ChaincodeInterest { Chaincodes = { call } };
            return response;
        };
        return await scenario.StartAsync();
    }

    private static IReadOnlyList<Endorsement> Endorsements(EndorseResponse response)
    {
        Payload payload = Payload.Parser.ParseFrom(response.PreparedTransaction.Payload);
        TransactionAction action = Transaction.Parser.ParseFrom(payload.Data).Actions.Single();
        return ChaincodeActionPayload.Parser.ParseFrom(action.Payload).Action.Endorsements;
    }
}
