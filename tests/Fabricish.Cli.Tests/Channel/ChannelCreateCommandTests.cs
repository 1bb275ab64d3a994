using System.Text.Json.Nodes;
using Fabricish.Cli.Tests.Orderer;
using Fabricish.Protos.Common;
using Fabricish.Testing;

namespace Fabricish.Cli.Tests.Channel;

/// <summary><c>fabricish channel create</c>: the genesis block from a profile, written to a file and posted to every
/// listed orderer's participation API, each orderer's outcome reported.</summary>
public sealed class ChannelCreateCommandTests(ChannelNetworkFixture network) : IClassFixture<ChannelNetworkFixture>
{
    private Task<CliRun.Outcome> CreateAsync(string block, string profile, params string[] orderers) => CliRun.RunAsync(
        ["channel", "create", "-c", "mychannel", "--profile", profile, "--configtx", SampleCrypto.ChannelYaml, "--crypto", network.Crypto,
         "--output-block", block, .. orderers.SelectMany(o => new[] { "-o", o })]);

    [Fact]
    public async Task Create_writes_the_genesis_block_and_joins_every_listed_orderer_with_it()
    {
        using var first = new StubParticipationApi();
        using var second = new StubParticipationApi();
        string block = network.PathFor("mychannel.block");

        CliRun.Outcome outcome = await CliRun.RunAsync(
            "channel", "create", "-c", "mychannel", "--profile", "TwoOrgsChannel", "--configtx", SampleCrypto.ChannelYaml, "--crypto", network.Crypto,
            "--output-block", block, "-o", $"{first.Address},{second.Address}", "--output", "json");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Block genesis = Block.Parser.ParseFrom(File.ReadAllBytes(block));
        Assert.Equal(0UL, genesis.Header.Number);
        foreach (StubParticipationApi orderer in new[] { first, second })
        {
            var request = Assert.Single(orderer.Requests);
            Assert.Equal(("POST", "/participation/v1/channels"), (request.Method, request.Path));
            Assert.StartsWith("multipart/form-data", request.ContentType, StringComparison.Ordinal);
            Assert.True(Contains(request.Body, File.ReadAllBytes(block)), "the orderer was not sent the genesis block");
        }

        JsonNode json = JsonNode.Parse(outcome.Stdout)!;
        Assert.Equal([true, true], json["orderers"]!.AsArray().Select(o => o!["joined"]!.GetValue<bool>()));
        Assert.Contains("[2/2] joining orderer", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_reports_an_orderer_that_refuses_and_exits_non_zero_with_how_to_retry()
    {
        using var orderer = new StubParticipationApi();

        CliRun.Outcome outcome = await CreateAsync(network.PathFor("twice.block"), "TwoOrgsChannel", orderer.Address, orderer.Address);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("joined", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains($"orderer {orderer.Address} did not join: the orderer answered 405: cannot join: channel already exists", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("1 of 2 orderers did not join channel mychannel", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("fabricish orderer join --channel mychannel", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_from_an_unknown_profile_fails_without_asking_any_orderer()
    {
        using var orderer = new StubParticipationApi();

        CliRun.Outcome outcome = await CreateAsync(network.PathFor("never.block"), "NoSuchProfile", orderer.Address);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("unknown profile 'NoSuchProfile'", outcome.Stderr, StringComparison.Ordinal);
        Assert.Empty(orderer.Requests);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
