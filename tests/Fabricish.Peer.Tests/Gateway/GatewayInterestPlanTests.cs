using Fabricish.Peer.Tests.Gateway.Support;
using Fabricish.Protos.Common;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Google.Protobuf;
using Grpc.Core;

namespace Fabricish.Peer.Tests.Gateway;

/// <summary>The gateway re-plans after the first (local) endorsement from its ChaincodeInterest as Fabric's
/// planFromFirstEndorser asks discovery: the key-level policies of written keys (replacing the chaincode's policy when
/// the interest disregards it) and collections' own endorsement policies decide which organisations endorse.</summary>
public sealed class GatewayInterestPlanTests
{
    private const string Guarded = "Org1Guarded";

    [Fact]
    public async Task A_key_guarded_by_org2_is_endorsed_by_org2_alone_without_endorsing_organizations()
    {
        await using GatewayScenario scenario = await StartAsync(
            "OR('Org1MSP.peer','Org2MSP.peer')",
            new ChaincodeCall { Name = GatewayScenario.Chaincode, KeyPolicies = { KeyPolicy("Org2MSP") }, DisregardNamespacePolicy = true });

        EndorseResponse response = await scenario.Client.EndorseAsync(Request(scenario));

        Assert.Equal(["Org2MSP"], EndorserMsps(response));
        Assert.Equal((1, 1), (scenario.Local.Calls, scenario.Org2.Calls));
    }

    [Fact]
    public async Task A_guarded_key_beside_an_unguarded_one_needs_both_the_key_policy_and_the_chaincode_policy()
    {
        await using GatewayScenario scenario = await StartAsync(
            "OR('Org1MSP.peer')",
            new ChaincodeCall { Name = GatewayScenario.Chaincode, KeyPolicies = { KeyPolicy("Org2MSP") } });

        EndorseResponse response = await scenario.Client.EndorseAsync(Request(scenario));

        Assert.Equal(["Org1MSP", "Org2MSP"], EndorserMsps(response));
    }

    [Fact]
    public async Task A_write_to_a_collection_with_its_own_org1_endorsement_policy_is_endorsed_by_org1_alone()
    {
        await using GatewayScenario scenario = await StartAsync(
            "AND('Org1MSP.peer','Org2MSP.peer')",
            new ChaincodeCall { Name = GatewayScenario.Chaincode, CollectionNames = { Guarded }, NoPrivateReads = true });

        EndorseResponse response = await scenario.Client.EndorseAsync(Request(scenario));

        Assert.Equal(["Org1MSP"], EndorserMsps(response));
        Assert.Equal(0, scenario.Org2.Calls);
    }

    [Fact]
    public async Task A_key_policy_no_organisation_can_satisfy_fails_with_fabrics_discovery_error()
    {
        await using GatewayScenario scenario = await StartAsync(
            "OR('Org1MSP.peer','Org2MSP.peer')",
            new ChaincodeCall { Name = GatewayScenario.Chaincode, KeyPolicies = { KeyPolicy("Org3MSP") }, DisregardNamespacePolicy = true });

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => scenario.Client.EndorseAsync(Request(scenario)).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("no combination of peers can be derived which satisfy the endorsement policy: no peer combination can satisfy the endorsement policy", error.Status.Detail);
    }

    /// <summary>What the shim's KeyEndorsementPolicy with AddOrgs(Peer, mspId) stores.</summary>
    private static SignaturePolicyEnvelope KeyPolicy(string mspId) => new()
    {
        Rule = new SignaturePolicy { NOutOf = new SignaturePolicy.Types.NOutOf { N = 1, Rules = { new SignaturePolicy { SignedBy = 0 } } } },
        Identities =
        {
            new MSPPrincipal
            {
                PrincipalClassification = MSPPrincipal.Types.Classification.Role,
                Principal = new MSPRole { MspIdentifier = mspId, Role = MSPRole.Types.MSPRoleType.Peer }.ToByteString(),
            },
        },
    };

    private static EndorseRequest Request(GatewayScenario scenario)
    {
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(scenario.Network.Org1Client, GatewayScenario.Chaincode, ["Update", "asset1"]);
        return GatewayRequests.Endorse(proposal, txId);
    }

    /// <summary>A scenario whose chaincode needs <paramref name="chaincodePolicy"/> and whose local peer reports <paramref name="call"/>.</summary>
    private static async Task<GatewayScenario> StartAsync(string chaincodePolicy, ChaincodeCall call)
    {
        var scenario = new GatewayScenario();
        scenario.Policies.Signature(GatewayScenario.Chaincode, chaincodePolicy);
        scenario.Collections.Add(GatewayScenario.Chaincode, Guarded, "OR('Org1MSP.member','Org2MSP.member')", "OR('Org1MSP.peer')");
        scenario.Local.Answer = (proposal, _) =>
        {
            ProposalResponse response = TestEndorsements.Success(proposal, TestNetwork.Shared.Org1Peer);
            response.Interest = new ChaincodeInterest { Chaincodes = { call } };
            return response;
        };
        return await scenario.StartAsync();
    }

    private static string[] EndorserMsps(EndorseResponse response)
    {
        Payload payload = Payload.Parser.ParseFrom(response.PreparedTransaction.Payload);
        TransactionAction action = Transaction.Parser.ParseFrom(payload.Data).Actions.Single();
        return [.. ChaincodeActionPayload.Parser.ParseFrom(action.Payload).Action.Endorsements
            .Select(e => SerializedIdentity.Parser.ParseFrom(e.Endorser).Mspid).Order(StringComparer.Ordinal)];
    }
}
