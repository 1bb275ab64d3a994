using System.Net;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Fabricish.Testing.Transactions;
using Google.Protobuf;

namespace Fabricish.Peer.Tests.SystemChaincode;

/// <summary>cscc on a real peer host over gRPC, as Fabric's <c>peer channel join|list</c> call it, and the operations
/// endpoint's join refusing with the same check. One peer serves every test: only one of them joins, and the others' outcomes
/// do not depend on whether it has.</summary>
public sealed class ConfigSystemChaincodeTests(SystemChaincodeHost host) : IClassFixture<SystemChaincodeHost>
{
    private const string NotAdmin = "access denied for [JoinChain][mychannel]: [Failed verifying that proposal's creator satisfies local MSP principal during channelless check policy with policy [Admins]: [";

    [Fact]
    public async Task JoinChain_by_a_member_who_is_not_an_admin_is_refused_over_gRPC_and_over_HTTP()
    {
        ProposalResponse refused = await CallAsync(host.Org1Client, "cscc", HeaderType.Config, ByteString.CopyFromUtf8("JoinChain"), host.Sample.Genesis.ToByteString());
        Assert.Equal(500, refused.Response.Status);
        Assert.StartsWith(NotAdmin, refused.Response.Message, StringComparison.Ordinal);

        using var http = new HttpClient { BaseAddress = new Uri($"http://{host.OperationsAddress}") };
        SignedProposal signed = Proposal(host.Org1Client, "cscc", HeaderType.Config, ByteString.CopyFromUtf8("JoinChain"), host.Sample.Genesis.ToByteString());
        using HttpResponseMessage answer = await http.PostAsync(new Uri("/peer/v1/channels", UriKind.Relative), new ByteArrayContent(signed.ToByteArray()));
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains(NotAdmin.Replace("\"", "\\\"", StringComparison.Ordinal), await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        ProposalResponse otherOrg = await CallAsync(host.Org2Admin, "cscc", HeaderType.Config, ByteString.CopyFromUtf8("JoinChain"), host.Sample.Genesis.ToByteString());
        Assert.Equal("error validating proposal: access denied: channel [] creator org unknown, creator is malformed", otherOrg.Response.Message);
    }

    [Fact]
    public async Task JoinChain_by_the_local_admin_joins_and_GetChannels_GetChannelConfig_and_qscc_see_the_channel()
    {
        ProposalResponse joined = await CallAsync(host.Org1Admin, "cscc", HeaderType.Config, ByteString.CopyFromUtf8("JoinChain"), host.Sample.Genesis.ToByteString());
        Assert.Equal((200, ""), (joined.Response.Status, joined.Response.Message));

        ProposalResponse again = await CallAsync(host.Org1Admin, "cscc", HeaderType.Config, ByteString.CopyFromUtf8("JoinChain"), host.Sample.Genesis.ToByteString());
        Assert.Equal((500, "ledger [mychannel] already exists"), (again.Response.Status, again.Response.Message));

        ProposalResponse channels = await CallAsync(host.Org1Client, "cscc", HeaderType.EndorserTransaction, ByteString.CopyFromUtf8("GetChannels"));
        Assert.Equal(200, channels.Response.Status);
        Assert.Equal(["mychannel"], ChannelQueryResponse.Parser.ParseFrom(channels.Response.Payload).Channels.Select(c => c.ChannelId));

        ProposalResponse config = await CallAsync(host.Org1Client, "cscc", HeaderType.EndorserTransaction, ByteString.CopyFromUtf8("GetChannelConfig"), ByteString.CopyFromUtf8("mychannel"));
        Assert.Equal(200, config.Response.Status);
        Assert.Equal(host.Sample.Config.CloneConfig(), Config.Parser.ParseFrom(config.Response.Payload));

        ProposalResponse info = await CallAsync(host.Org1Client, "qscc", HeaderType.EndorserTransaction, ByteString.CopyFromUtf8("GetChainInfo"), ByteString.CopyFromUtf8("mychannel"));
        Assert.Equal(200, info.Response.Status);
        var chain = BlockchainInfo.Parser.ParseFrom(info.Response.Payload);
        Assert.Equal(1UL, chain.Height);
        Assert.Equal(QuerySystemChaincodeTests.GoldenHeaderHash(host.Sample.Genesis.Header), chain.CurrentBlockHash.ToByteArray());
    }

    [Fact]
    public async Task GetChannelConfig_of_an_unknown_channel_and_unknown_functions_are_refused_with_Fabrics_messages()
    {
        ProposalResponse unknown = await CallAsync(host.Org1Client, "cscc", HeaderType.EndorserTransaction, ByteString.CopyFromUtf8("GetChannelConfig"), ByteString.CopyFromUtf8("nochannel"));
        Assert.Equal("access denied for [GetChannelConfig][nochannel]: Failed to get policy manager for channel [nochannel]", unknown.Response.Message);

        ProposalResponse missing = await CallAsync(host.Org1Client, "cscc", HeaderType.EndorserTransaction, ByteString.CopyFromUtf8("Rejoin"), ByteString.CopyFromUtf8("x"));
        Assert.Equal("Requested function Rejoin not found.", missing.Response.Message);
    }

    private async Task<ProposalResponse> CallAsync(SigningIdentity who, string chaincode, HeaderType type, params ByteString[] args) =>
        await host.Endorser.ProcessProposalAsync(Proposal(who, chaincode, type, args));

    private static SignedProposal Proposal(SigningIdentity who, string chaincode, HeaderType type, params ByteString[] args) =>
        ChaincodeProposals.Create(who, "", chaincode, args, type).Signed;
}
