using System.Text;
using System.Text.Json.Nodes;
using Fabricish.Cli.Tests.Channel;
using Fabricish.Protos.Common;
using Fabricish.Testing.Infra;
using Google.Protobuf;

namespace Fabricish.Cli.Tests.Orderer;

public sealed class OrdererCommandTests : IDisposable
{
    private readonly StubParticipationApi _orderer = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("fabricish-cli-orderer-").FullName;

    [Fact]
    public async Task Join_posts_the_genesis_block_as_the_config_block_form_file_and_prints_the_joined_channel()
    {
        byte[] block = GenesisFor("mychannel");
        string file = Write("mychannel.block", block);

        CliRun.Outcome run = await CliRun.RunAsync("orderer", "join", "--channel", "mychannel", "--genesis", file, "--orderer", _orderer.Address);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var request = Assert.Single(_orderer.Requests);
        Assert.Equal(("POST", "/participation/v1/channels"), (request.Method, request.Path));
        Assert.StartsWith("multipart/form-data", request.ContentType, StringComparison.Ordinal);
        string form = Encoding.Latin1.GetString(request.Body);
        Assert.Contains("name=config-block", form, StringComparison.Ordinal);
        Assert.Contains(Encoding.Latin1.GetString(block), form, StringComparison.Ordinal);
        Assert.StartsWith("Status: 201", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("mychannel", (string?)JsonNode.Parse(run.Stdout["Status: 201".Length..])!["name"]);
    }

    [Fact]
    public async Task Join_of_a_channel_the_orderer_already_serves_exits_non_zero_with_the_orderers_error()
    {
        string file = Write("mychannel.block", GenesisFor("mychannel"));
        await CliRun.RunAsync("orderer", "join", "--channel", "mychannel", "--genesis", file, "--orderer", _orderer.Address);

        CliRun.Outcome again = await CliRun.RunAsync("orderer", "join", "--channel", "mychannel", "--genesis", file, "--orderer", _orderer.Address);

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("answered 405: cannot join: channel already exists", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_refuses_a_block_of_another_channel_without_asking_the_orderer()
    {
        string file = Write("other.block", GenesisFor("otherchannel"));

        CliRun.Outcome run = await CliRun.RunAsync("orderer", "join", "--channel", "mychannel", "--genesis", file, "--orderer", _orderer.Address);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not match channel ID otherchannel", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(_orderer.Requests);
    }

    [Fact]
    public async Task List_prints_all_channels_or_one_channels_details()
    {
        CliRun.Outcome all = await CliRun.RunAsync("orderer", "list", "--orderer", _orderer.Address);
        CliRun.Outcome one = await CliRun.RunAsync("orderer", "list", "--orderer", $"http://{_orderer.Address}", "--channel", "mychannel");
        CliRun.Outcome missing = await CliRun.RunAsync("orderer", "list", "--orderer", _orderer.Address, "--channel", "nochannel");

        Assert.True(all.ExitCode == 0, all.Stderr);
        Assert.Equal("mychannel", (string?)JsonNode.Parse(all.Stdout["Status: 200".Length..])!["channels"]![0]!["name"]);
        Assert.True(one.ExitCode == 0, one.Stderr);
        Assert.Equal(7, (int?)JsonNode.Parse(one.Stdout["Status: 200".Length..])!["height"]);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("answered 404: channel does not exist", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_fail_with_a_clear_message_when_the_orderer_cannot_be_reached()
    {
        int closedPort = FreePorts.Take();

        CliRun.Outcome run = await CliRun.RunAsync("orderer", "list", "--orderer", $"127.0.0.1:{closedPort}");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"fabricish orderer list: cannot reach http://127.0.0.1:{closedPort}/", run.Stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _orderer.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Just enough of a genesis block for the CLI, which only reads the channel ID before posting it.</summary>
    private static byte[] GenesisFor(string channelId)
    {
        var payload = new Payload
        {
            Header = new Header { ChannelHeader = new ChannelHeader { Type = (int)HeaderType.Config, ChannelId = channelId }.ToByteString() },
            Data = ByteString.CopyFromUtf8("config envelope"),
        };
        var block = new Block { Header = new BlockHeader { Number = 0 }, Data = new BlockData(), Metadata = new BlockMetadata() };
        block.Data.Data.Add(new Envelope { Payload = payload.ToByteString() }.ToByteString());
        return block.ToByteArray();
    }
}
