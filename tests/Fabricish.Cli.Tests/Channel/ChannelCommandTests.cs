using System.Text.Json.Nodes;
using Fabricish.Channels.Config;
using Fabricish.Protos.Common;
using Fabricish.Testing;

namespace Fabricish.Cli.Tests.Channel;

public sealed class ChannelCommandTests(SampleCryptoFixture network) : IClassFixture<SampleCryptoFixture>
{
    private string Output(string name) => Path.Combine(network.Dir, name);

    private Task<CliRun.Outcome> GenesisAsync(string output, string profile = "TwoOrgsChannel", string? config = null) =>
        CliRun.RunAsync(
            "channel", "genesis", "--config", config ?? SampleCrypto.ChannelYaml, "--crypto", network.Crypto,
            "--profile", profile, "--channel", "mychannel", "--output", output);

    [Fact]
    public async Task Genesis_from_generated_crypto_writes_a_block_that_inspect_decodes_in_full()
    {
        string blockFile = Output("inspected.block");

        var genesis = await GenesisAsync(blockFile);
        Assert.True(genesis.ExitCode == 0, genesis.Stderr);
        var inspect = await CliRun.RunAsync("channel", "inspect", blockFile);
        Assert.True(inspect.ExitCode == 0, inspect.Stderr);

        JsonNode json = JsonNode.Parse(inspect.Stdout)!;
        JsonNode payload = json["data"]!["data"]![0]!["payload"]!;
        Assert.Equal("mychannel", (string?)payload["header"]!["channel_header"]!["channel_id"]);
        Assert.Equal("0", (string?)json["header"]!["number"]);
        JsonNode channelGroup = payload["data"]!["config"]!["channel_group"]!;
        JsonNode orderer = channelGroup["groups"]!["Orderer"]!;
        Assert.Equal(10, (int?)orderer["values"]!["BatchSize"]!["value"]!["max_message_count"]);
        Assert.Equal("2s", (string?)orderer["values"]!["BatchTimeout"]!["value"]!["timeout"]);
        Assert.Equal("kafka", (string?)orderer["values"]!["ConsensusType"]!["value"]!["type"]);
        JsonNode org1Msp = channelGroup["groups"]!["Application"]!["groups"]!["Org1MSP"]!["values"]!["MSP"]!["value"]!["config"]!;
        Assert.Equal("Org1MSP", (string?)org1Msp["name"]);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", (string?)org1Msp["root_certs"]![0], StringComparison.Ordinal);
        JsonNode endorsement = channelGroup["groups"]!["Application"]!["groups"]!["Org1MSP"]!["policies"]!["Endorsement"]!["policy"]!;
        Assert.Equal("OR('Org1MSP.peer')", (string?)endorsement["dsl"]);
        Assert.Equal("PEER", (string?)endorsement["value"]!["identities"]![0]!["principal"]!["role"]);
        JsonNode lifecycle = channelGroup["groups"]!["Application"]!["policies"]!["LifecycleEndorsement"]!["policy"]!["value"]!;
        Assert.Equal("MAJORITY", (string?)lifecycle["rule"]);
        Assert.Equal("0", (string?)json["metadata"]!["metadata"]![0]!["value"]!["last_config"]!["index"]);
    }

    [Fact]
    public async Task Genesis_block_from_the_cli_is_a_valid_channel_config_with_working_msps()
    {
        string blockFile = Output("parsed.block");

        var genesis = await GenesisAsync(blockFile, profile: "Org1OnlyChannel");
        Assert.True(genesis.ExitCode == 0, genesis.Stderr);

        var config = ChannelConfig.FromBlock(Block.Parser.ParseFrom(File.ReadAllBytes(blockFile)));
        Assert.True(config.IsOk, config.Error);
        Assert.Equal(["Org1MSP"], config.Value!.Application!.Organizations.Select(o => o.MspId));
        Assert.Equal(3, config.Value.Orderer.Organizations[0].Endpoints.Count);
        Assert.Contains("OrdererMSP", config.Value.Msps.MspIds);
    }

    [Fact]
    public async Task Unknown_profile_fails_naming_the_profiles_available()
    {
        var result = await GenesisAsync(Output("never.block"), profile: "ThreeOrgs");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unknown profile 'ThreeOrgs'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("TwoOrgsChannel", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Output("never.block")));
    }

    [Fact]
    public async Task Bad_policy_syntax_fails_naming_the_field_and_column()
    {
        string yaml = Output("bad-policy.yaml");
        string text = File.ReadAllText(SampleCrypto.ChannelYaml);
        File.WriteAllText(yaml, text.Replace("Rule: \"OR('Org2MSP.peer')\"", "Rule: \"OR('Org2MSP.peer',)\"", StringComparison.Ordinal));

        var result = await GenesisAsync(Output("bad-policy.block"), config: yaml);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Application.Organizations[1].Policies.Endorsement.Rule (line", result.Stderr, StringComparison.Ordinal);
        Assert.Matches("column [0-9]+", result.Stderr);
    }

    [Fact]
    public async Task Missing_config_file_fails_with_its_path()
    {
        var result = await GenesisAsync(Output("never.block"), config: Output("no-such.yaml"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no-such.yaml does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_crypto_material_fails_naming_the_organization()
    {
        var result = await CliRun.RunAsync(
            "channel", "genesis", "--config", SampleCrypto.ChannelYaml, "--crypto", Output("empty-crypto"),
            "--profile", "TwoOrgsChannel", "--channel", "mychannel", "--output", Output("never.block"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("could not load the MSP of OrdererOrg", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Illegal_channel_name_fails()
    {
        var result = await CliRun.RunAsync(
            "channel", "genesis", "--config", SampleCrypto.ChannelYaml, "--crypto", network.Crypto,
            "--profile", "TwoOrgsChannel", "--channel", "My_Channel", "--output", Output("never.block"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("channel name 'My_Channel'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_of_a_missing_file_fails()
    {
        var result = await CliRun.RunAsync("channel", "inspect", Output("absent.block"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("absent.block does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_of_a_file_that_is_not_a_block_fails()
    {
        string file = Output("not-a-block.txt");
        File.WriteAllText(file, "this is not a block");

        var result = await CliRun.RunAsync("channel", "inspect", file);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("is not a block", result.Stderr, StringComparison.Ordinal);
    }
}
