using Fabricish.Peer.Tests.Committing.Support;

namespace Fabricish.Peer.Tests.SystemChaincode;

/// <summary><c>fabricish peer channel join|list|getinfo</c> against a real peer's cscc and qscc over gRPC, with
/// Fabric's peer CLI flags and output.</summary>
public sealed class PeerChannelCliTests(SystemChaincodeHost host) : IClassFixture<SystemChaincodeHost>
{
    [Fact]
    public async Task The_admin_joins_then_list_and_getinfo_show_the_channel_as_Fabrics_CLI_prints_them()
    {
        CliRun.Outcome joined = await CliRun.RunAsync("peer", "channel", "join", "-b", host.GenesisFile, "--peerAddresses", host.PeerAddress, "--msp-dir", host.AdminMspDir, "--msp-id", "Org1MSP");
        Assert.True(joined.ExitCode == 0, joined.Stderr);
        Assert.Equal("Successfully submitted proposal to join channel\n", joined.Stdout.ReplaceLineEndings("\n"));

        CliRun.Outcome list = await CliRun.RunAsync("peer", "channel", "list", "--peer", host.PeerAddress, "--msp-dir", host.ClientMspDir, "--msp-id", "Org1MSP");
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Equal("Channels peers has joined: \nmychannel\n", list.Stdout.ReplaceLineEndings("\n"));

        CliRun.Outcome json = await CliRun.RunAsync("channel", "list", "--peer", host.PeerAddress, "--msp-dir", host.ClientMspDir, "--msp-id", "Org1MSP", "--output", "json");
        Assert.Equal("{ \"channels\": [ { \"channel_id\": \"mychannel\" } ] }\n", json.Stdout.ReplaceLineEndings("\n"));

        string hash = Convert.ToBase64String(QuerySystemChaincodeTests.GoldenHeaderHash(host.Sample.Genesis.Header));
        CliRun.Outcome info = await CliRun.RunAsync("peer", "channel", "getinfo", "-c", "mychannel", "--peer", host.PeerAddress, "--msp-dir", host.ClientMspDir, "--msp-id", "Org1MSP");
        Assert.True(info.ExitCode == 0, info.Stderr);
        Assert.Equal($"Blockchain info: {{\"height\":1,\"currentBlockHash\":\"{hash}\"}}\n", info.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_join_by_a_non_admin_and_getinfo_of_an_unknown_channel_fail_with_the_peers_reason()
    {
        CliRun.Outcome join = await CliRun.RunAsync("peer", "channel", "join", "-b", host.GenesisFile, "--peer", host.PeerAddress, "--msp-dir", host.ClientMspDir, "--msp-id", "Org1MSP");
        Assert.Equal(1, join.ExitCode);
        Assert.Contains("fabricish peer channel join: proposal failed (err: bad proposal response 500: access denied for [JoinChain][mychannel]", join.Stderr, StringComparison.Ordinal);

        CliRun.Outcome info = await CliRun.RunAsync("channel", "getinfo", "-c", "nochannel", "--peer", host.PeerAddress, "--msp-dir", host.ClientMspDir, "--msp-id", "Org1MSP");
        Assert.Equal(1, info.ExitCode);
        Assert.Contains("fabricish channel getinfo: received bad response, status 500: Invalid chain ID, nochannel", info.Stderr, StringComparison.Ordinal);
    }
}
