using Fabricish.Cli.Connection;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Testing.Infra;
using Google.Protobuf;

namespace Fabricish.Cli.Tests.Channel;

/// <summary><c>fabricish channel fetch</c> against a stand-in orderer: signed Deliver seeks for one block each, the
/// config block found through the newest block's LAST_CONFIG pointer, and failures that say what went wrong.</summary>
public sealed class ChannelFetchCommandTests(ChannelNetworkFixture network) : IClassFixture<ChannelNetworkFixture>
{
    private const string ChannelId = ChannelNetworkFixture.ChannelId;

    [Fact]
    public async Task Fetch_writes_the_newest_oldest_numbered_and_config_blocks_asking_with_seeks_signed_by_the_caller()
    {
        await using StubOrderer orderer = await network.StartOrdererAsync();
        orderer.Ledger.Append(new Envelope { Payload = ByteString.CopyFromUtf8("a transaction"), Signature = ByteString.CopyFromUtf8("sig") });
        var files = new Dictionary<string, string>();

        foreach (string which in new[] { "newest", "oldest", "1", "config" })
        {
            files[which] = network.PathFor(which + ".block");
            CliRun.Outcome outcome = await FetchAsync(orderer, which, files[which]);
            Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        }

        Assert.Equal(1UL, ReadBlock(files["newest"]).Header.Number);
        Assert.Equal(0UL, ReadBlock(files["oldest"]).Header.Number);
        Assert.Equal(orderer.Ledger.Get(1), ReadBlock(files["1"]));
        Assert.Equal(network.Genesis, ReadBlock(files["config"]));
        Assert.All(orderer.Ledger.Seeks, s => Assert.Equal(("Org1MSP", ChannelId, (int)HeaderType.DeliverSeekInfo), (s.CreatorMspId, s.Header.ChannelId, s.Header.Type)));
        Assert.All(orderer.Ledger.Seeks, s => Assert.Equal(s.Seek.Start, s.Seek.Stop));
        Assert.Equal(
            [SeekPosition.TypeOneofCase.Newest, SeekPosition.TypeOneofCase.Oldest, SeekPosition.TypeOneofCase.Specified, SeekPosition.TypeOneofCase.Newest, SeekPosition.TypeOneofCase.Specified],
            orderer.Ledger.Seeks.Select(s => s.Seek.Start.TypeCase));
    }

    [Fact]
    public async Task Fetch_prints_Fabrics_received_line_or_json_with_the_block_number_and_file()
    {
        await using StubOrderer orderer = await network.StartOrdererAsync();
        string file = network.PathFor("y.block");

        CliRun.Outcome table = await FetchAsync(orderer, "oldest", network.PathFor("x.block"));
        CliRun.Outcome json = await FetchAsync(orderer, "newest", file, "--output", "json");

        Assert.Contains("Received block: 0", table.Stdout, StringComparison.Ordinal);
        Assert.Equal($"{{\"channel\":\"{ChannelId}\",\"number\":0,\"file\":\"{file}\"}}", json.Stdout.Trim());
    }

    [Fact]
    public async Task Fetch_of_a_block_not_yet_cut_fails_with_the_orderers_NOT_FOUND()
    {
        await using StubOrderer orderer = await network.StartOrdererAsync();
        string file = network.PathFor("future.block");

        CliRun.Outcome outcome = await FetchAsync(orderer, "5", file);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("the orderer answered NotFound for channel mychannel", outcome.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Fetch_from_an_orderer_that_is_not_there_fails_naming_its_address()
    {
        string address = $"127.0.0.1:{FreePorts.Take()}";

        CliRun.Outcome outcome = await CliRun.RunAsync(
            "channel", "fetch", "newest", network.PathFor("none.block"), "-c", ChannelId, "-o", address, "--msp-dir", network.AdminMsp(1), "--msp-id", "Org1MSP", "-t", "00:00:05");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains($"cannot reach the orderer at {address}: ", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_of_an_unknown_position_or_without_an_identity_fails_before_asking_the_orderer()
    {
        await using StubOrderer orderer = await network.StartOrdererAsync();

        CliRun.Outcome position = await FetchAsync(orderer, "latest", network.PathFor("latest.block"));
        CliRun.Outcome identity = await CliRun.RunAsync("channel", "fetch", "newest", "-c", ChannelId, "-o", orderer.Address);

        Assert.Equal(1, position.ExitCode);
        Assert.Contains("'latest' is not newest, oldest, config or a block number", position.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, identity.ExitCode);
        Assert.Contains("an identity is required: pass --msp-dir and --msp-id, set CORE_PEER_MSPCONFIGPATH and CORE_PEER_LOCALMSPID", identity.Stderr, StringComparison.Ordinal);
        Assert.Empty(orderer.Ledger.Seeks);
    }

    [Fact]
    public async Task Fetch_signs_as_the_identity_Fabrics_environment_variables_name_when_no_switch_does()
    {
        await using StubOrderer orderer = await network.StartOrdererAsync();
        string file = network.PathFor("env.block");
        CliRun.Outcome outcome;
        using (CliEnvironment.Use(new Dictionary<string, string>
        {
            [ConnectionResolver.MspDirVariable] = network.UserMsp(2),
            [ConnectionResolver.MspIdVariable] = "Org2MSP",
        }))
        {
            outcome = await CliRun.RunAsync("channel", "fetch", "oldest", file, "-c", ChannelId, "-o", orderer.Address);
        }

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Equal("Org2MSP", Assert.Single(orderer.Ledger.Seeks).CreatorMspId);
    }

    private Task<CliRun.Outcome> FetchAsync(StubOrderer orderer, string which, string file, params string[] more) => CliRun.RunAsync(
        ["channel", "fetch", which, file, "-c", ChannelId, "-o", orderer.Address, "--msp-dir", network.AdminMsp(1), "--msp-id", "Org1MSP", .. more]);

    private static Block ReadBlock(string file) => Block.Parser.ParseFrom(File.ReadAllBytes(file));
}
