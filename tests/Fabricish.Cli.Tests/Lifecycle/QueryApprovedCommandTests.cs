using Fabricish.Cli.Connection;
using Fabricish.Cli.Tests.Chaincode;
using Fabricish.Cli.Tests.Connection;
using Fabricish.Protos.Peer;
using Fabricish.Protos.Peer.Lifecycle;
using Google.Protobuf;

namespace Fabricish.Cli.Tests.Lifecycle;

/// <summary><c>lifecycle chaincode queryapproved</c> against a stand-in peer: with <c>-n</c> Fabric's
/// QueryApprovedChaincodeDefinition, without it QueryApprovedChaincodeDefinitions (every definition the organization
/// approved), sent on the channel straight to the peer's Endorser and printed as Fabric's peer CLI prints them.</summary>
public sealed class QueryApprovedCommandTests : IAsyncLifetime
{
    private readonly ClientTestMaterial _material = new();
    private FakePeer _peer = null!;

    public async Task InitializeAsync()
    {
        _peer = await FakePeer.StartAsync();
        _peer.Respond = args => args[0].ToStringUtf8() switch
        {
            "QueryApprovedChaincodeDefinition" => Ok(new QueryApprovedChaincodeDefinitionResult
            {
                Sequence = 2, Version = "2.0", EndorsementPlugin = "escc", ValidationPlugin = "vscc", InitRequired = true,
                Source = new ChaincodeSource { LocalPackage = new ChaincodeSource.Types.Local { PackageId = "basic_2.0:abc" } },
            }),
            "QueryApprovedChaincodeDefinitions" => Ok(new QueryApprovedChaincodeDefinitionsResult
            {
                ApprovedChaincodeDefinitions =
                {
                    new QueryApprovedChaincodeDefinitionsResult.Types.ApprovedChaincodeDefinition
                    {
                        Name = "basic", Sequence = 1, Version = "1.0", EndorsementPlugin = "escc", ValidationPlugin = "vscc",
                        Source = new ChaincodeSource { LocalPackage = new ChaincodeSource.Types.Local { PackageId = "basic_1.0:abc" } },
                    },
                    new QueryApprovedChaincodeDefinitionsResult.Types.ApprovedChaincodeDefinition
                    {
                        Name = "privatedata", Sequence = 1, Version = "1.0", EndorsementPlugin = "escc", ValidationPlugin = "vscc",
                        Source = new ChaincodeSource { Unavailable = new ChaincodeSource.Types.Unavailable() },
                    },
                },
            }),
            _ => new Response { Status = 500, Message = "unexpected function" },
        };
    }

    public async Task DisposeAsync()
    {
        await _peer.DisposeAsync();
        _material.Dispose();
    }

    [Fact]
    public async Task Without_a_name_every_approved_definition_is_listed_as_Fabric_prints_them()
    {
        CliRun.Outcome outcome = await RunAsAdminAsync("lifecycle", "chaincode", "queryapproved", "-C", "mychannel");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(
            "Approved chaincode definitions on channel 'mychannel':\n" +
            "name: basic, sequence: 1, version: 1.0, init-required: false, package-id: basic_1.0:abc, endorsement plugin: escc, validation plugin: vscc\n" +
            "name: privatedata, sequence: 1, version: 1.0, init-required: false, package-id: , endorsement plugin: escc, validation plugin: vscc\n",
            outcome.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal));
        SignedProposal signed = Assert.Single(_peer.EndorserProposals);
        Assert.Equal("mychannel", FakePeer.ChannelHeaderOf(signed).ChannelId);
        IReadOnlyList<ByteString> args = FakePeer.Args(signed);
        Assert.Equal("QueryApprovedChaincodeDefinitions", args[0].ToStringUtf8());
        Assert.Empty(args[1].ToByteArray());
        Assert.Empty(_peer.Evaluations);
    }

    [Fact]
    public async Task With_a_name_the_one_definition_is_asked_at_the_sequence_given()
    {
        CliRun.Outcome outcome = await RunAsAdminAsync("lifecycle", "chaincode", "queryapproved", "-C", "mychannel", "-n", "basic", "--sequence", "2");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(
            "Approved chaincode definition for chaincode 'basic' on channel 'mychannel':\n" +
            "sequence: 2, version: 2.0, init-required: true, package-id: basic_2.0:abc, endorsement plugin: escc, validation plugin: vscc\n",
            outcome.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal));
        IReadOnlyList<ByteString> args = FakePeer.Args(Assert.Single(_peer.EndorserProposals));
        Assert.Equal("QueryApprovedChaincodeDefinition", args[0].ToStringUtf8());
        Assert.Equal(new QueryApprovedChaincodeDefinitionArgs { Name = "basic", Sequence = 2 }, QueryApprovedChaincodeDefinitionArgs.Parser.ParseFrom(args[1]));
    }

    [Fact]
    public async Task Json_output_carries_the_results_field_names()
    {
        CliRun.Outcome outcome = await RunAsAdminAsync("lifecycle", "chaincode", "queryapproved", "-C", "mychannel", "--output", "json");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("\"approved_chaincode_definitions\": [", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"package_id\": \"basic_1.0:abc\"", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sequence_without_a_name_is_refused_with_Fabrics_message_before_contacting_the_peer()
    {
        CliRun.Outcome outcome = await RunAsAdminAsync("lifecycle", "chaincode", "queryapproved", "-C", "mychannel", "--sequence", "3");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("Specifying parameter 'sequence' is invalid without parameter 'name'. Rerun the command with -n flag", outcome.Stderr, StringComparison.Ordinal);
        Assert.Empty(_peer.EndorserProposals);
    }

    private static Response Ok(IMessage result) => new() { Status = 200, Payload = result.ToByteString() };

    private Task<CliRun.Outcome> RunAsAdminAsync(params string[] args) => _material.RunAsync(
        new Dictionary<string, string>
        {
            [ConnectionResolver.PeerAddressVariable] = _peer.Address,
            [ConnectionResolver.MspDirVariable] = _material.AdminMspDir,
            [ConnectionResolver.MspIdVariable] = "Org1MSP",
        },
        args);
}
