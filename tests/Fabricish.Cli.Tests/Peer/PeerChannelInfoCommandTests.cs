using Fabricish.Cli.Tests.Channel;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Cli.Tests.Peer;

/// <summary>The peer-side channel commands as <c>fabricish channel ...</c> offers them next to <c>peer channel ...</c>:
/// join, list and getinfo against a stand-in admin API, with table or JSON output.</summary>
public sealed class PeerChannelInfoCommandTests(ChannelNetworkFixture network) : IClassFixture<ChannelNetworkFixture>
{
    [Fact]
    public async Task Channel_join_sends_the_same_signed_join_as_peer_channel_join()
    {
        using var stub = new StubPeerAdminApi();

        CliRun.Outcome outcome = await CliRun.RunAsync("channel", "join", "-b", network.GenesisFile, "--peer", stub.Address, "--msp-dir", network.AdminMsp(1), "--msp-id", "Org1MSP");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Contains("Successfully submitted proposal to join channel", outcome.Stdout, StringComparison.Ordinal);
        var request = Assert.Single(stub.Requests);
        Assert.Equal(("POST", "/peer/v1/channels"), (request.Method, request.Path));
        var proposal = Protos.Peer.Proposal.Parser.ParseFrom(Protos.Peer.SignedProposal.Parser.ParseFrom(request.Body).ProposalBytes);
        var spec = Protos.Peer.ChaincodeInvocationSpec.Parser.ParseFrom(Protos.Peer.ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload).Input).ChaincodeSpec;
        Assert.Equal(network.Genesis, Block.Parser.ParseFrom(spec.Input.Args[1]));
    }

    [Fact]
    public async Task Channel_join_names_itself_in_its_errors()
    {
        CliRun.Outcome outcome = await CliRun.RunAsync("channel", "join", "-b", network.PathFor("absent.block"), "--peer", "127.0.0.1:1");

        Assert.Equal(1, outcome.ExitCode);
        Assert.StartsWith("fabricish channel join: ", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("absent.block does not exist", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channel_list_prints_channels_with_heights_or_the_peers_json()
    {
        using var stub = new StubPeerAdminApi();

        CliRun.Outcome table = await CliRun.RunAsync("channel", "list", "--peer", stub.Address);
        CliRun.Outcome json = await CliRun.RunAsync("channel", "list", "--peer", stub.Address, "--output", "json");

        Assert.Equal("Channels peers has joined:\nmychannel (height 7, active)\n", table.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(7, System.Text.Json.JsonDocument.Parse(json.Stdout).RootElement.GetProperty("channels")[0].GetProperty("height").GetInt32());
    }

    [Fact]
    public async Task Getinfo_prints_Fabrics_blockchain_info_line_or_the_json_alone()
    {
        using var stub = new StubPeerAdminApi();

        CliRun.Outcome table = await CliRun.RunAsync("channel", "getinfo", "-c", "mychannel", "--peer", stub.Address);
        CliRun.Outcome json = await CliRun.RunAsync("peer", "channel", "getinfo", "-c", "mychannel", "--peer", stub.Address, "--output", "json");

        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Equal($"Blockchain info: {StubPeerAdminApi.Info}", table.Stdout.Trim());
        Assert.Equal(StubPeerAdminApi.Info, json.Stdout.Trim());
        Assert.Equal(("GET", "/peer/v1/channels/mychannel/info"), (stub.Requests[0].Method, stub.Requests[0].Path));
    }

    [Fact]
    public async Task Getinfo_of_a_channel_the_peer_has_not_joined_fails_with_the_peers_reason()
    {
        using var stub = new StubPeerAdminApi();

        CliRun.Outcome outcome = await CliRun.RunAsync("channel", "getinfo", "-c", "otherchannel", "--peer", stub.Address);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("fabricish channel getinfo: the peer answered 404: channel otherchannel is not joined", outcome.Stderr, StringComparison.Ordinal);
    }
}
