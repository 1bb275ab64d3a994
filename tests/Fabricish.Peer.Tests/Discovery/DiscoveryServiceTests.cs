using Fabricish.Channels.Msp;
using Fabricish.Peer.Tests.SystemChaincode;
using Fabricish.Protos.Common;
using Fabricish.Protos.Discovery;
using Fabricish.Protos.Gossip;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Transactions;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using DiscoveredPeer = Fabricish.Protos.Discovery.Peer;

namespace Fabricish.Peer.Tests.Discovery;

/// <summary><c>discovery.Discovery/Discover</c> on a real peer host over gRPC, with requests built and signed as
/// fabric-common builds them: what a channel writer learns (MSPs, orderers, this peer with its signed ledger height),
/// and Fabric's refusals (an unsigned request, an identity of an MSP outside the channel, a channel not joined, a
/// non-admin's local peers query, a request without a client identity).</summary>
public sealed class DiscoveryServiceTests(SystemChaincodeHost host) : IClassFixture<SystemChaincodeHost>, IDisposable
{
    private const string Channel = SystemChaincodePeer.Channel;

    private readonly GrpcChannel _grpc = GrpcChannel.ForAddress($"http://{host.PeerAddress}");

    public void Dispose() => _grpc.Dispose();

    [Fact]
    public async Task A_config_query_by_a_channel_writer_lists_the_channels_msps_with_tls_roots_and_the_orderer_endpoints()
    {
        QueryResult result = await DiscoverOneAsync(host.Org1Client, new Query { Channel = Channel, ConfigQuery = new ConfigQuery() });

        Assert.Equal(QueryResult.ResultOneofCase.ConfigResult, result.ResultCase);
        Assert.Equal(
            host.Sample.Config.MspConfigs.Select(m => FabricMSPConfig.Parser.ParseFrom(m.Config).Name).Order(),
            result.ConfigResult.Msps.Keys.Order());
        Assert.All(result.ConfigResult.Msps.Values, msp => Assert.NotEmpty(msp.RootCerts));
        Assert.NotEmpty(result.ConfigResult.Orderers);
        string[] expected = [.. host.Sample.Config.Orderer.Organizations.SelectMany(o => o.Endpoints).Concat(host.Sample.Config.OrdererAddresses).Distinct()];
        Assert.All(result.ConfigResult.Orderers.Values.SelectMany(e => e.Endpoint), e => Assert.Contains($"{e.Host}:{e.Port}", expected));
    }

    [Fact]
    public async Task A_peer_membership_query_lists_this_peer_with_its_ledger_height_signed_by_the_peer()
    {
        QueryResult result = await DiscoverOneAsync(host.Org1Client, new Query { Channel = Channel, PeerQuery = new PeerMembershipQuery() });

        Assert.Equal(QueryResult.ResultOneofCase.Members, result.ResultCase);
        DiscoveredPeer peer = Assert.Single(result.Members.PeersByOrg["Org1MSP"].Peers_);
        Assert.Empty(result.Members.PeersByOrg["Org2MSP"].Peers_);
        Assert.Equal("Org1MSP", SerializedIdentity.Parser.ParseFrom(peer.Identity).Mspid);
        IIdentity identity = host.Sample.Config.Msps.Deserialize(peer.Identity.Span).Identity!;
        Assert.True(identity.Verify(peer.MembershipInfo.Payload.Span, peer.MembershipInfo.Signature.Span), "the alive envelope is not signed by the peer");
        Assert.True(identity.Verify(peer.StateInfo.Payload.Span, peer.StateInfo.Signature.Span), "the state-info envelope is not signed by the peer");
        Assert.Equal(host.PeerAddress, GossipMessage.Parser.ParseFrom(peer.MembershipInfo.Payload).AliveMsg.Membership.Endpoint);
        StateInfo state = GossipMessage.Parser.ParseFrom(peer.StateInfo.Payload).StateInfo;
        Assert.True(state.Properties.LedgerHeight >= 1, $"ledger height {state.Properties.LedgerHeight}");
    }

    [Fact]
    public async Task An_unsigned_request_a_foreign_msps_request_and_a_query_for_a_channel_not_joined_are_refused_with_access_denied()
    {
        await EnsureJoinedAsync();
        Query config = new() { Channel = Channel, ConfigQuery = new ConfigQuery() };
        SignedRequest unsigned = Sign(host.Org1Client, config);
        unsigned.Signature = ByteString.Empty;
        using var org3 = new TestOrg("Org3MSP", "org3.example.com");
        using SigningIdentity outsider = org3.Identity("User1@org3.example.com", NodeRole.Client);

        QueryResult[] results =
        [
            Assert.Single((await Client().DiscoverAsync(unsigned)).Results),
            await DiscoverOneAsync(outsider, config),
            await DiscoverOneAsync(host.Org1Client, new Query { Channel = "otherchannel", ConfigQuery = new ConfigQuery() }),
        ];

        Assert.All(results, r => Assert.Equal("access denied", r.Error?.Content));
    }

    [Fact]
    public async Task A_request_without_a_client_identity_fails_with_fabrics_message()
    {
        var request = new Request { Authentication = new AuthInfo() };
        request.Queries.Add(new Query { Channel = Channel, ConfigQuery = new ConfigQuery() });

        RpcException missing = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client().DiscoverAsync(new SignedRequest { Payload = request.ToByteString() }));
        RpcException noAuth = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client().DiscoverAsync(new SignedRequest { Payload = new Request().ToByteString() }));

        Assert.Equal((StatusCode.Unknown, "access denied, client identity wasn't supplied"), (missing.StatusCode, missing.Status.Detail));
        Assert.Equal("access denied, no authentication info in request", noAuth.Status.Detail);
    }

    [Fact]
    public async Task The_local_peers_query_answers_the_local_admin_and_denies_a_member()
    {
        Query local = new() { LocalPeers = new LocalPeerQuery() };

        QueryResult byMember = await DiscoverOneAsync(host.Org1Client, local);
        QueryResult byAdmin = await DiscoverOneAsync(host.Org1Admin, local);

        Assert.Equal("access denied", byMember.Error?.Content);
        DiscoveredPeer self = Assert.Single(byAdmin.Members.PeersByOrg["Org1MSP"].Peers_);
        Assert.Null(self.StateInfo);
        Assert.Equal(host.PeerAddress, GossipMessage.Parser.ParseFrom(self.MembershipInfo.Payload).AliveMsg.Membership.Endpoint);
    }

    [Fact]
    public async Task An_endorsers_query_that_no_live_peers_can_fill_fails_with_fabrics_descriptor_error()
    {
        var query = new ChaincodeQuery();
        query.Interests.Add(new ChaincodeInterest { Chaincodes = { new ChaincodeCall { Name = "basic" } } });
        var empty = new ChaincodeQuery();

        QueryResult result = await DiscoverOneAsync(host.Org1Client, new Query { Channel = Channel, CcQuery = query });
        QueryResult invalid = await DiscoverOneAsync(host.Org1Client, new Query { Channel = Channel, CcQuery = empty });

        // Org2's peer is not running here, and the channel's MAJORITY Endorsement needs it.
        Assert.Equal("failed constructing descriptor for chaincodes:{name:\"basic\"}", result.Error?.Content);
        Assert.Equal("chaincode query must have at least one chaincode interest", invalid.Error?.Content);
    }

    private async Task<QueryResult> DiscoverOneAsync(SigningIdentity who, Query query)
    {
        await EnsureJoinedAsync();
        Protos.Discovery.Response response = await Client().DiscoverAsync(Sign(who, query));
        return Assert.Single(response.Results);
    }

    private async Task EnsureJoinedAsync()
    {
        ProposalResponse joined = await host.Endorser.ProcessProposalAsync(ChaincodeProposals.Create(
            host.Org1Admin, "", "cscc", [ByteString.CopyFromUtf8("JoinChain"), host.Sample.Genesis.ToByteString()], HeaderType.Config).Signed);
        Assert.True(joined.Response.Status == 200 || joined.Response.Message == $"ledger [{Channel}] already exists", joined.Response.Message);
    }

    private Protos.Discovery.Discovery.DiscoveryClient Client() => new(_grpc);

    /// <summary>As fabric-common's DiscoveryService.build and sign: the serialized identity in AuthInfo, the
    /// signature over the Request bytes.</summary>
    private static SignedRequest Sign(SigningIdentity who, params Query[] queries)
    {
        var request = new Request { Authentication = new AuthInfo { ClientIdentity = ByteString.CopyFrom(who.Serialize()) } };
        request.Queries.Add(queries);
        byte[] payload = request.ToByteArray();
        return new SignedRequest { Payload = ByteString.CopyFrom(payload), Signature = ByteString.CopyFrom(who.Sign(payload)) };
    }
}
