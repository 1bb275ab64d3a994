using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Crypto;
using Fabricish.Channels.Policies;
using Fabricish.Cli.Connection;
using Fabricish.Cli.Tests.Channel;
using Fabricish.Cli.Tests.Chaincode;
using Fabricish.Cli.Tests.Connection;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Peer;
using Fabricish.Protos.Peer.Lifecycle;
using Google.Protobuf;

namespace Fabricish.Cli.Tests.Lifecycle;

/// <summary><c>lifecycle chaincode install|queryinstalled|approveformyorg|checkcommitreadiness|commit|querycommitted</c>
/// against a stand-in peer: the _lifecycle calls they make (straight to the Endorser or through the gateway) and what
/// they print.</summary>
public sealed class LifecycleCommandTests : IAsyncLifetime
{
    private readonly ClientTestMaterial _material = new();
    private FakePeer _peer = null!;

    public async Task InitializeAsync()
    {
        _peer = await FakePeer.StartAsync();
        _peer.Respond = args => args[0].ToStringUtf8() switch
        {
            "InstallChaincode" => Ok(new InstallChaincodeResult { PackageId = "basic_1.0:abc", Label = "basic_1.0" }),
            "QueryInstalledChaincodes" => Ok(Installed()),
            "CheckCommitReadiness" => Ok(new CheckCommitReadinessResult { Approvals = { ["Org2MSP"] = false, ["Org1MSP"] = true } }),
            "QueryChaincodeDefinition" => Ok(new QueryChaincodeDefinitionResult { Sequence = 1, Version = "1.0", EndorsementPlugin = "escc", ValidationPlugin = "vscc", Approvals = { ["Org1MSP"] = true, ["Org2MSP"] = true } }),
            "QueryChaincodeDefinitions" => Ok(new QueryChaincodeDefinitionsResult { ChaincodeDefinitions = { new QueryChaincodeDefinitionsResult.Types.ChaincodeDefinition { Name = "basic", Sequence = 2, Version = "2.0", EndorsementPlugin = "escc", ValidationPlugin = "vscc" } } }),
            _ => new Response { Status = 200 },
        };
    }

    public async Task DisposeAsync()
    {
        await _peer.DisposeAsync();
        _material.Dispose();
    }

    [Fact]
    public async Task Install_sends_the_package_in_a_channel_less_InstallChaincode_proposal_signed_by_the_admin()
    {
        string package = Path.Combine(_material.Dir, "basic.tar.gz");
        Assert.Equal(0, (await CliRun.RunAsync("lifecycle", "chaincode", "package", package, "--label", "basic_1.0", "--address", "127.0.0.1:9999")).ExitCode);

        CliRun.Outcome outcome = await RunAsAdminAsync("lifecycle", "chaincode", "install", package);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("Chaincode code package identifier: basic_1.0:abc", outcome.Stdout.Trim());
        SignedProposal signed = Assert.Single(_peer.EndorserProposals);
        Assert.Empty(_peer.Endorsements);
        Assert.Equal(string.Empty, FakePeer.ChannelHeaderOf(signed).ChannelId);
        IReadOnlyList<ByteString> args = FakePeer.Args(signed);
        Assert.Equal("InstallChaincode", args[0].ToStringUtf8());
        Assert.Equal(await File.ReadAllBytesAsync(package), InstallChaincodeArgs.Parser.ParseFrom(args[1]).ChaincodeInstallPackage.ToByteArray());
        using ECDsa key = _material.Admin.Certificate.GetECDsaPublicKey()!;
        Assert.True(Signatures.Verify(key, signed.ProposalBytes.Span, signed.Signature.Span));
    }

    [Fact]
    public async Task Install_reports_lifecycles_refusal_with_its_status_and_exit_code_1()
    {
        string package = Path.Combine(_material.Dir, "basic.tar.gz");
        await CliRun.RunAsync("lifecycle", "chaincode", "package", package, "--label", "basic_1.0", "--address", "127.0.0.1:9999");
        _peer.Respond = _ => new Response { Status = 500, Message = "chaincode already successfully installed" };

        CliRun.Outcome outcome = await RunAsAdminAsync("lifecycle", "chaincode", "install", package);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("chaincode install failed: InstallChaincode failed with status: 500 - chaincode already successfully installed", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queryinstalled_lists_package_ids_and_labels_as_Fabric_prints_them()
    {
        CliRun.Outcome outcome = await RunAsAdminAsync("lifecycle", "chaincode", "queryinstalled");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("Installed chaincodes on peer:\nPackage ID: basic_1.0:abc, Label: basic_1.0\n", outcome.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal("QueryInstalledChaincodes", FakePeer.Args(Assert.Single(_peer.EndorserProposals))[0].ToStringUtf8());
    }

    [Fact]
    public async Task Approve_is_endorsed_by_my_organization_only_submitted_and_waited_for()
    {
        CliRun.Outcome outcome = await RunAsAdminAsync("lifecycle", "chaincode", "approve", "-C", "mychannel", "-n", "basic", "-v", "1.0", "--sequence", "1",
            "--package-id", "basic_1.0:abc", "--signature-policy", "AND('Org1MSP.peer','Org2MSP.peer')", "--init-required");

        Assert.Equal(0, outcome.ExitCode);
        EndorseRequest endorse = Assert.Single(_peer.Endorsements);
        Assert.Equal(["Org1MSP"], endorse.EndorsingOrganizations);
        Assert.Equal("_lifecycle", ChaincodeOf(endorse));
        IReadOnlyList<ByteString> args = FakePeer.Args(endorse.ProposedTransaction);
        Assert.Equal("ApproveChaincodeDefinitionForMyOrg", args[0].ToStringUtf8());
        var approve = ApproveChaincodeDefinitionForMyOrgArgs.Parser.ParseFrom(args[1]);
        Assert.Equal(("basic", "1.0", 1L, "escc", "vscc", true), (approve.Name, approve.Version, approve.Sequence, approve.EndorsementPlugin, approve.ValidationPlugin, approve.InitRequired));
        Assert.Equal("basic_1.0:abc", approve.Source.LocalPackage.PackageId);
        var policy = ApplicationPolicy.Parser.ParseFrom(approve.ValidationParameter);
        Assert.Equal(PolicyParser.ParseSignaturePolicy("AND('Org1MSP.peer','Org2MSP.peer')").Value, policy.SignaturePolicy);
        Assert.Single(_peer.Submissions);
        Assert.Single(_peer.CommitStatusRequests);
        Assert.Equal($"txid [{endorse.TransactionId}] committed with status (VALID) at {_peer.Address}", outcome.Stdout.Trim());
    }

    [Fact]
    public async Task Approve_without_a_package_id_approves_with_the_source_unavailable()
    {
        CliRun.Outcome outcome = await RunAsAdminAsync("lifecycle", "chaincode", "approveformyorg", "-C", "mychannel", "-n", "basic", "-v", "1.0", "--sequence", "1");

        Assert.Equal(0, outcome.ExitCode);
        var approve = ApproveChaincodeDefinitionForMyOrgArgs.Parser.ParseFrom(FakePeer.Args(Assert.Single(_peer.Endorsements).ProposedTransaction)[1]);
        Assert.Equal(ChaincodeSource.TypeOneofCase.Unavailable, approve.Source.TypeCase);
        Assert.True(approve.ValidationParameter.IsEmpty);
    }

    [Theory]
    [InlineData(new[] { "-n", "basic", "--sequence", "1" }, "The required parameter 'version' is empty. Rerun the command with -v flag")]
    [InlineData(new[] { "-v", "1.0", "--sequence", "1" }, "The required parameter 'name' is empty. Rerun the command with -n flag")]
    [InlineData(new[] { "-n", "basic", "-v", "1.0" }, "The required parameter 'sequence' is empty. Rerun the command with --sequence flag")]
    [InlineData(new[] { "-n", "basic", "-v", "1.0", "--sequence", "1", "--signature-policy", "OR('Org1MSP.peer')", "--channel-config-policy", "/Channel/Application/Endorsement" }, "cannot specify both")]
    [InlineData(new[] { "-n", "basic", "-v", "1.0", "--sequence", "1", "--signature-policy", "AND('Org1MSP.peer'" }, "invalid signature policy")]
    public async Task Commit_with_an_incomplete_definition_fails_with_Fabrics_message_before_contacting_the_peer(string[] definition, string error)
    {
        CliRun.Outcome outcome = await RunAsAdminAsync(["lifecycle", "chaincode", "commit", "-C", "mychannel", .. definition]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains(error, outcome.Stderr, StringComparison.Ordinal);
        Assert.Empty(_peer.Endorsements);
    }

    [Fact]
    public async Task Commit_lets_the_gateway_choose_endorsers_and_reports_a_non_VALID_commit_with_exit_code_1()
    {
        _peer.CommitCode = TxValidationCode.EndorsementPolicyFailure;

        CliRun.Outcome outcome = await RunAsAdminAsync("lifecycle", "chaincode", "commit", "-C", "mychannel", "-n", "basic", "-v", "1.0", "--sequence", "1",
            "--channel-config-policy", "/Channel/Application/Endorsement");

        Assert.Equal(1, outcome.ExitCode);
        EndorseRequest endorse = Assert.Single(_peer.Endorsements);
        Assert.Empty(endorse.EndorsingOrganizations);
        IReadOnlyList<ByteString> args = FakePeer.Args(endorse.ProposedTransaction);
        Assert.Equal("CommitChaincodeDefinition", args[0].ToStringUtf8());
        var commit = CommitChaincodeDefinitionArgs.Parser.ParseFrom(args[1]);
        Assert.Equal("/Channel/Application/Endorsement", ApplicationPolicy.Parser.ParseFrom(commit.ValidationParameter).ChannelConfigPolicyReference);
        Assert.Contains("invalidated with status (ENDORSEMENT_POLICY_FAILURE)", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkcommitreadiness_prints_each_organizations_approval_in_order()
    {
        CliRun.Outcome outcome = await RunAsAdminAsync("lifecycle", "chaincode", "checkcommitreadiness", "-C", "mychannel", "-n", "basic", "-v", "1.0", "--sequence", "1");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(
            "Chaincode definition for chaincode 'basic', version '1.0', sequence '1' on channel 'mychannel' approval status by org:\nOrg1MSP: true\nOrg2MSP: false\n",
            outcome.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal));
        EvaluateRequest request = Assert.Single(_peer.Evaluations);
        Assert.Equal("CheckCommitReadiness", FakePeer.Args(request.ProposedTransaction)[0].ToStringUtf8());
        Assert.Empty(_peer.Endorsements);
    }

    [Fact]
    public async Task Querycommitted_prints_one_definition_with_approvals_or_all_definitions()
    {
        CliRun.Outcome one = await RunAsAdminAsync("lifecycle", "chaincode", "querycommitted", "-C", "mychannel", "-n", "basic");
        CliRun.Outcome all = await RunAsAdminAsync("lifecycle", "chaincode", "querycommitted", "-C", "mychannel", "--output", "json");

        Assert.Equal((0, 0), (one.ExitCode, all.ExitCode));
        Assert.Equal(
            "Committed chaincode definition for chaincode 'basic' on channel 'mychannel':\nVersion: 1.0, Sequence: 1, Endorsement Plugin: escc, Validation Plugin: vscc, Approvals: [Org1MSP: true, Org2MSP: true]",
            one.Stdout.Trim().Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Contains("\"chaincode_definitions\": [", all.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"basic\"", all.Stdout, StringComparison.Ordinal);
    }

    private static Response Ok(IMessage result) => new() { Status = 200, Payload = result.ToByteString() };

    private static QueryInstalledChaincodesResult Installed() => new()
    {
        InstalledChaincodes = { new QueryInstalledChaincodesResult.Types.InstalledChaincode { PackageId = "basic_1.0:abc", Label = "basic_1.0" } },
    };

    private static string ChaincodeOf(EndorseRequest endorse) =>
        ChaincodeHeaderExtension.Parser.ParseFrom(FakePeer.ChannelHeaderOf(endorse.ProposedTransaction).Extension).ChaincodeId.Name;

    private Task<CliRun.Outcome> RunAsAdminAsync(params string[] args) => _material.RunAsync(
        new Dictionary<string, string>
        {
            [ConnectionResolver.PeerAddressVariable] = _peer.Address,
            [ConnectionResolver.MspDirVariable] = _material.AdminMspDir,
            [ConnectionResolver.MspIdVariable] = "Org1MSP",
        },
        args);
}
