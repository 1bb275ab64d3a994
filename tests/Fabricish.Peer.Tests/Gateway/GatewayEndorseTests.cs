using Fabricish.Peer.Tests.Gateway.Support;
using Fabricish.Protos.Common;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Grpc.Core;

namespace Fabricish.Peer.Tests.Gateway;

/// <summary>The gateway's Evaluate and Endorse over gRPC, with the peer's own endorser in-process and Org2's peer
/// as a separate gRPC server.</summary>
public sealed class GatewayEndorseTests
{
    [Fact]
    public async Task Evaluate_runs_on_the_local_peer_and_returns_the_signed_result()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(scenario.Network.Org1Client, GatewayScenario.Chaincode, ["ReadAsset", "a1"]);

        EvaluateResponse response = await scenario.Client.EvaluateAsync(GatewayRequests.Evaluate(proposal, txId));

        Assert.Equal(200, response.Result.Status);
        Assert.Equal("result:ReadAsset,a1", response.Result.Payload.ToStringUtf8());
        Assert.True(scenario.Local.LastEvaluate);
        Assert.Equal(0, scenario.Org2.Calls);
    }

    [Fact]
    public async Task Evaluate_goes_to_another_organisation_when_the_local_peer_lacks_the_chaincode()
    {
        await using GatewayScenario scenario = new();
        scenario.Policies.Signature("othercc", "OR('Org2MSP.peer')");
        await scenario.StartAsync();
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(scenario.Network.Org1Client, "othercc", ["query"]);
        scenario.Local.Answer = (_, _) => TestEndorsements.PeerError("chaincode othercc not found");

        EvaluateResponse response = await scenario.Client.EvaluateAsync(GatewayRequests.Evaluate(proposal, txId));

        Assert.Equal("result:query", response.Result.Payload.ToStringUtf8());
        Assert.Equal(1, scenario.Org2.Calls);
    }

    [Fact]
    public async Task Evaluate_chaincode_failure_is_an_error_with_the_peers_error_detail()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(scenario.Network.Org1Client, GatewayScenario.Chaincode, ["ReadAsset", "missing"]);
        scenario.Local.Answer = (_, _) => TestEndorsements.ChaincodeError("the asset missing does not exist");

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => scenario.Client.EvaluateAsync(GatewayRequests.Evaluate(proposal, txId)).ResponseAsync);

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Contains("the asset missing does not exist", error.Status.Detail, StringComparison.Ordinal);
        ErrorDetail detail = Assert.Single(GatewayRequests.Details(error));
        Assert.Equal("Org1MSP", detail.MspId);
        Assert.Equal(GatewayTestHost.OwnAnchorAddress, detail.Address);
        Assert.Equal("chaincode response 500, the asset missing does not exist", detail.Message);
    }

    [Fact]
    public async Task Evaluate_and_Endorse_of_an_unknown_channel_are_not_found()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(scenario.Network.Org1Client, GatewayScenario.Chaincode, ["q"], channelId: "nochannel");

        RpcException evaluate = await Assert.ThrowsAsync<RpcException>(() => scenario.Client.EvaluateAsync(GatewayRequests.Evaluate(proposal, txId, "nochannel")).ResponseAsync);
        RpcException endorse = await Assert.ThrowsAsync<RpcException>(() => scenario.Client.EndorseAsync(GatewayRequests.Endorse(proposal, txId)).ResponseAsync);

        foreach (RpcException error in new[] { evaluate, endorse })
        {
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
            Assert.Contains("channel nochannel not found", error.Status.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(0, scenario.Local.Calls);
    }

    [Fact]
    public async Task Evaluate_and_Endorse_of_an_unknown_chaincode_are_not_found()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(scenario.Network.Org1Client, "nocc", ["q"]);

        RpcException evaluate = await Assert.ThrowsAsync<RpcException>(() => scenario.Client.EvaluateAsync(GatewayRequests.Evaluate(proposal, txId)).ResponseAsync);
        RpcException endorse = await Assert.ThrowsAsync<RpcException>(() => scenario.Client.EndorseAsync(GatewayRequests.Endorse(proposal, txId)).ResponseAsync);

        foreach (RpcException error in new[] { evaluate, endorse })
        {
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
            Assert.Contains("chaincode nocc not found on channel mychannel", error.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Endorse_collects_both_organisations_and_returns_the_unsigned_transaction_without_transient_data()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(
            scenario.Network.Org1Client, GatewayScenario.Chaincode, ["CreateAsset", "a1"], transient: new Dictionary<string, byte[]> { ["secret"] = [1, 2, 3] });

        EndorseResponse response = await scenario.Client.EndorseAsync(GatewayRequests.Endorse(proposal, txId, "Org1MSP", "Org2MSP"));

        Envelope envelope = response.PreparedTransaction;
        Assert.True(envelope.Signature.IsEmpty);
        Payload payload = Payload.Parser.ParseFrom(envelope.Payload);
        Proposal original = Proposal.Parser.ParseFrom(proposal.ProposalBytes);
        Assert.Equal(original.Header, payload.Header.ToByteString());
        Transaction transaction = Transaction.Parser.ParseFrom(payload.Data);
        TransactionAction action = Assert.Single(transaction.Actions);
        Assert.Equal(payload.Header.SignatureHeader, action.Header);
        ChaincodeActionPayload actionPayload = ChaincodeActionPayload.Parser.ParseFrom(action.Payload);
        ChaincodeProposalPayload proposalPayload = ChaincodeProposalPayload.Parser.ParseFrom(actionPayload.ChaincodeProposalPayload);
        Assert.Empty(proposalPayload.TransientMap);
        Assert.Equal(ChaincodeProposalPayload.Parser.ParseFrom(original.Payload).Input, proposalPayload.Input);
        Assert.Equal(
            new[] { "Org1MSP", "Org2MSP" },
            actionPayload.Action.Endorsements.Select(e => Protos.Msp.SerializedIdentity.Parser.ParseFrom(e.Endorser).Mspid).Order());
        Assert.Equal(TestEndorsements.Success(proposal, scenario.Network.Org1Peer).Payload, actionPayload.Action.ProposalResponsePayload);
    }

    [Fact]
    public async Task Endorse_plans_from_the_signature_policy()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(scenario.Network.Org1Client, GatewayScenario.Chaincode, ["CreateAsset", "a2"]);

        EndorseResponse response = await scenario.Client.EndorseAsync(GatewayRequests.Endorse(proposal, txId));

        Assert.Equal(2, Endorsements(response).Count);
        Assert.Equal((1, 1), (scenario.Local.Calls, scenario.Org2.Calls));
    }

    [Fact]
    public async Task Endorse_resolves_a_channel_policy_reference_to_a_majority_of_organisations()
    {
        await using GatewayScenario scenario = new();
        scenario.Policies.Reference(GatewayScenario.Chaincode, "/Channel/Application/Endorsement");
        await scenario.StartAsync();
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(scenario.Network.Org1Client, GatewayScenario.Chaincode, ["CreateAsset", "a3"]);

        EndorseResponse response = await scenario.Client.EndorseAsync(GatewayRequests.Endorse(proposal, txId));

        // MAJORITY Endorsement of two organisations is both of them.
        Assert.Equal(2, Endorsements(response).Count);
    }

    [Fact]
    public async Task Endorse_asks_only_the_local_organisation_when_one_suffices()
    {
        await using GatewayScenario scenario = new();
        scenario.Policies.Signature(GatewayScenario.Chaincode, "OR('Org2MSP.peer','Org1MSP.peer')");
        await scenario.StartAsync();
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(scenario.Network.Org1Client, GatewayScenario.Chaincode, ["CreateAsset", "a4"]);

        EndorseResponse response = await scenario.Client.EndorseAsync(GatewayRequests.Endorse(proposal, txId));

        Assert.Single(Endorsements(response));
        Assert.Equal((1, 0), (scenario.Local.Calls, scenario.Org2.Calls));
    }

    [Fact]
    public async Task Endorse_honours_the_endorsing_organisations_the_client_names()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(scenario.Network.Org1Client, GatewayScenario.Chaincode, ["ApproveForMyOrg"]);

        EndorseResponse response = await scenario.Client.EndorseAsync(GatewayRequests.Endorse(proposal, txId, "Org1MSP"));

        Assert.Single(Endorsements(response));
        Assert.Equal(0, scenario.Org2.Calls);
    }

    [Fact]
    public async Task Endorse_names_the_organisations_no_known_peer_can_stand_for()
    {
        await using GatewayScenario scenario = new();
        scenario.Policies.Signature(GatewayScenario.Chaincode, "AND('Org1MSP.peer','Org3MSP.peer')");
        await scenario.StartAsync();
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(scenario.Network.Org1Client, GatewayScenario.Chaincode, ["CreateAsset", "a5"]);

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => scenario.Client.EndorseAsync(GatewayRequests.Endorse(proposal, txId)).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("no peers of Org3MSP are known", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, scenario.Local.Calls);
    }

    [Fact]
    public async Task Endorse_fails_naming_both_peers_when_their_results_differ()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        scenario.Org2.Answer = proposal => TestEndorsements.Success(proposal, scenario.Network.Org2Peer, variant: "-diverged");
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(scenario.Network.Org1Client, GatewayScenario.Chaincode, ["CreateAsset", "a6"]);

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => scenario.Client.EndorseAsync(GatewayRequests.Endorse(proposal, txId)).ResponseAsync);

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Contains("ProposalResponsePayloads do not match", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(scenario.Org2.Address, error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(GatewayTestHost.OwnAnchorAddress, error.Status.Detail, StringComparison.Ordinal);
        ErrorDetail detail = Assert.Single(GatewayRequests.Details(error));
        Assert.Equal(("Org2MSP", scenario.Org2.Address), (detail.MspId, detail.Address));
    }

    [Fact]
    public async Task Endorse_refuses_an_endorsement_whose_signature_does_not_verify()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        scenario.Org2.Answer = proposal =>
        {
            ProposalResponse response = TestEndorsements.Success(proposal, scenario.Network.Org2Peer);
            response.Endorsement.Signature = TestEndorsements.Success(proposal, scenario.Network.Org2Peer, "other").Endorsement.Signature;
            return response;
        };
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(scenario.Network.Org1Client, GatewayScenario.Chaincode, ["CreateAsset", "a7"]);

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => scenario.Client.EndorseAsync(GatewayRequests.Endorse(proposal, txId)).ResponseAsync);

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal("the endorsement signature does not verify over the proposal response payload", Assert.Single(GatewayRequests.Details(error)).Message);
    }

    [Fact]
    public async Task Endorse_chaincode_failure_on_the_first_peer_is_an_error_with_details()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        scenario.Local.Answer = (_, _) => TestEndorsements.ChaincodeError("the asset a1 already exists");
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(scenario.Network.Org1Client, GatewayScenario.Chaincode, ["CreateAsset", "a1"]);

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => scenario.Client.EndorseAsync(GatewayRequests.Endorse(proposal, txId)).ResponseAsync);

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal("failed to endorse transaction, see attached details for more info", error.Status.Detail);
        Assert.Equal("chaincode response 500, the asset a1 already exists", Assert.Single(GatewayRequests.Details(error)).Message);
        Assert.Equal(0, scenario.Org2.Calls);
    }

    [Fact]
    public async Task Endorse_fails_over_to_the_organisations_next_peer()
    {
        await using FakeEndorserServer second = await FakeEndorserServer.StartAsync();
        await using GatewayScenario scenario = new();
        string down = $"127.0.0.1:{Testing.Infra.FreePorts.Take()}";
        await scenario.StartAsync(settings: GatewayTestHost.Org2PeersAt(down, second.Address));
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(scenario.Network.Org1Client, GatewayScenario.Chaincode, ["CreateAsset", "a8"]);

        EndorseResponse response = await scenario.Client.EndorseAsync(GatewayRequests.Endorse(proposal, txId));

        Assert.Equal(2, Endorsements(response).Count);
        Assert.Equal(1, second.Calls);
    }

    private static IReadOnlyList<Endorsement> Endorsements(EndorseResponse response)
    {
        Payload payload = Payload.Parser.ParseFrom(response.PreparedTransaction.Payload);
        TransactionAction action = Transaction.Parser.ParseFrom(payload.Data).Actions.Single();
        return ChaincodeActionPayload.Parser.ParseFrom(action.Payload).Action.Endorsements;
    }
}
