using System.Text;
using System.Text.Json.Nodes;
using Fabricish.Channels.Msp;
using Fabricish.Client;
using Fabricish.Network.Tests.Up;
using Fabricish.Protos.Common;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Peer;
using Fabricish.Testing.Transactions;
using Grpc.Core;
using Grpc.Net.Client;
using GatewayRpc = Fabricish.Protos.Gateway.Gateway;

namespace Fabricish.Network.Tests;

/// <summary>The network <c>./fabricish up</c> starts carries what its channel's AbsoluteMaxBytes (10 MB) allows through
/// every layer (gateway, chaincode, orderer, Kafka 0.9 brokers, peers' deliver and CouchDB), and the gateway answers a
/// larger transaction with the orderer's size refusal, a non-retryable error, instead of SERVICE_UNAVAILABLE.</summary>
[Collection(UpNetworkCollection.Name)]
public sealed class EnvelopeSizeUpTests(UpNetworkFixture network)
{
    private const int AbsoluteMaxBytes = 10 * 1024 * 1024;

    private RunFolder Run => network.Run;

    [Fact]
    public async Task A_2_MB_asset_is_endorsed_ordered_and_committed_and_each_org_reads_it_back()
    {
        string asset = "big-" + Guid.NewGuid().ToString("N")[..8];
        string color = new('x', 2 * 1024 * 1024);
        using SigningIdentity user = MspDirectory.LoadSigningIdentity(Run.Orgs["Org1"].UserMsp, Run.Orgs["Org1"].MspId);
        using GrpcChannel peer = GrpcConnections.Create(Run.Component(Run.Orgs["Org1"].Peer).Address);

        await Contract(peer, user).SubmitTransactionAsync("CreateAsset", asset, color, "5", "Tom", "300");

        foreach (NetworkOrg org in Run.Orgs.Values)
        {
            using SigningIdentity reader = MspDirectory.LoadSigningIdentity(org.UserMsp, org.MspId);
            using GrpcChannel orgPeer = GrpcConnections.Create(Run.Component(org.Peer).Address);
            JsonNode read = JsonNode.Parse(await Contract(orgPeer, reader).EvaluateTransactionAsync("ReadAsset", asset))!;
            Assert.Equal(color.Length, ((string?)read["Color"])?.Length);
        }
    }

    [Fact]
    public async Task A_transaction_over_the_channels_AbsoluteMaxBytes_is_aborted_with_the_orderers_REQUEST_ENTITY_TOO_LARGE_naming_the_size()
    {
        using SigningIdentity user = MspDirectory.LoadSigningIdentity(Run.Orgs["Org1"].UserMsp, Run.Orgs["Org1"].MspId);
        ProposalDraft draft = ChaincodeProposals.Create(user, Run.Channel, Run.Chaincode, "CreateAsset", "huge", new string('x', AbsoluteMaxBytes), "5", "Tom", "300");
        Envelope transaction = ChaincodeProposals.Transaction(draft, user, new ProposalResponse { Endorsement = new Endorsement() });
        using GrpcChannel peer = GrpcConnections.Create(Run.Component(Run.Orgs["Org1"].Peer).Address);

        RpcException refused = await Assert.ThrowsAsync<RpcException>(async () => await new GatewayRpc.GatewayClient(peer).SubmitAsync(
            new SubmitRequest { ChannelId = Run.Channel, TransactionId = draft.TxId, PreparedTransaction = transaction },
            deadline: DateTime.UtcNow.AddMinutes(1)));

        Assert.Equal(StatusCode.Aborted, refused.StatusCode);
        Assert.Contains("status=REQUEST_ENTITY_TOO_LARGE", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains($"exceeds maximum allowed {AbsoluteMaxBytes} bytes", refused.Status.Detail, StringComparison.Ordinal);
    }

    private Contract Contract(GrpcChannel peer, SigningIdentity identity) =>
        Client.Gateway.Connect(new GatewayConnectOptions
        {
            Channel = peer,
            Identity = Identity.FromSigningIdentity(identity),
            Signer = Signers.NewPrivateKeySigner(identity.Key),
            SubmitTimeout = TimeSpan.FromSeconds(60),
            EndorseTimeout = TimeSpan.FromSeconds(60),
            EvaluateTimeout = TimeSpan.FromSeconds(60),
        }).GetNetwork(Run.Channel).GetContract(Run.Chaincode);
}
