using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Fabricish.Channels.Crypto;
using Fabricish.Cli.Connection;
using Fabricish.Cli.Tests.Channel;
using Fabricish.Cli.Tests.Connection;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Peer;
using Fabricish.Testing.Infra;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Fabricish.Cli.Tests.Chaincode;

/// <summary><c>fabricish chaincode invoke|query</c> against a stand-in peer gateway: what is sent, what is printed,
/// and the exit code for every outcome.</summary>
public sealed class ChaincodeCommandTests : IAsyncLifetime
{
    private readonly ClientTestMaterial _material = new();
    private FakePeer _peer = null!;

    public async Task InitializeAsync() => _peer = await FakePeer.StartAsync();

    public async Task DisposeAsync()
    {
        await _peer.DisposeAsync();
        _material.Dispose();
    }

    [Fact]
    public async Task Invoke_endorses_submits_waits_for_the_commit_and_prints_as_Fabric_does()
    {
        CliRun.Outcome outcome = await RunAsync("chaincode", "invoke", "-C", "mychannel", "-n", "basic", "-c", "{\"Args\":[\"CreateAsset\",\"asset1\",\"blue\"]}",
            "--transient", "{\"secret\":\"AQID\"}");

        Assert.Equal(0, outcome.ExitCode);
        EndorseRequest endorse = Assert.Single(_peer.Endorsements);
        string[] lines = outcome.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Chaincode invoke successful. result: status:200 payload:\"{\\\"ID\\\":\\\"asset1\\\"}\"", lines[0]);
        Assert.Equal($"txid: {endorse.TransactionId}", lines[1]);
        Assert.Equal("validation code: VALID, block: 7", lines[2]);
        Assert.Contains($"Waiting up to 30 s for transaction {endorse.TransactionId} to commit", outcome.Stderr, StringComparison.Ordinal);
        Assert.Equal(["CreateAsset", "asset1", "blue"], FakePeer.Args(endorse.ProposedTransaction).Select(a => a.ToStringUtf8()));
        Assert.Equal([1, 2, 3], FakePeer.Payload(endorse.ProposedTransaction).TransientMap["secret"].ToByteArray());
        Assert.Equal("mychannel", FakePeer.ChannelHeaderOf(endorse.ProposedTransaction).ChannelId);
        SubmitRequest submit = Assert.Single(_peer.Submissions);
        using ECDsa key = _material.User.Certificate.GetECDsaPublicKey()!;
        Assert.True(Signatures.Verify(key, submit.PreparedTransaction.Payload.Span, submit.PreparedTransaction.Signature.Span));
        Assert.Single(_peer.CommitStatusRequests);
    }

    [Fact]
    public async Task Invoke_accepts_Fabrics_function_form_and_with_async_does_not_wait_for_the_commit()
    {
        CliRun.Outcome outcome = await RunAsync("chaincode", "invoke", "-C", "mychannel", "-n", "basic", "-c", "{\"function\":\"DeleteAsset\",\"Args\":[\"asset1\"]}", "--async");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(["DeleteAsset", "asset1"], FakePeer.Args(Assert.Single(_peer.Endorsements).ProposedTransaction).Select(a => a.ToStringUtf8()));
        Assert.Single(_peer.Submissions);
        Assert.Empty(_peer.CommitStatusRequests);
        Assert.StartsWith("Chaincode invoke successful.", outcome.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("validation code", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_accepts_the_orderer_switches_of_Fabrics_scripts_and_leaves_ordering_to_the_gateway()
    {
        CliRun.Outcome outcome = await RunAsync("chaincode", "invoke", "-o", "localhost:7050", "--ordererTLSHostnameOverride", "orderer.example.com", "--cafile", "/nonexistent/ca.pem",
            "-C", "mychannel", "-n", "basic", "--peerAddresses", _peer.Address, "-c", "{\"Args\":[\"InitLedger\"]}");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Single(_peer.Submissions);
    }

    [Fact]
    public async Task Invoke_reports_a_non_VALID_commit_with_Fabrics_code_name_and_exit_code_1()
    {
        _peer.CommitCode = TxValidationCode.MvccReadConflict;

        CliRun.Outcome outcome = await RunAsync("chaincode", "invoke", "-C", "mychannel", "-n", "basic", "-c", "{\"Args\":[\"TransferAsset\",\"asset1\",\"Org2\"]}");

        Assert.Equal(1, outcome.ExitCode);
        string txid = Assert.Single(_peer.Endorsements).TransactionId;
        Assert.Contains($"transaction {txid} was invalidated with status (MVCC_READ_CONFLICT) in block 7", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("validation code: MVCC_READ_CONFLICT, block: 7", outcome.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("successful", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_reports_each_peers_endorsement_error_and_exits_1_without_submitting()
    {
        var status = new Google.Rpc.Status { Code = (int)StatusCode.Aborted, Message = "failed to endorse transaction, see attached details for more info" };
        status.Details.Add(Any.Pack(new ErrorDetail { Address = "peer0.org1.example.com:7051", MspId = "Org1MSP", Message = "chaincode response 500, the asset asset1 already exists" }));
        _peer.EndorseFailure = status.ToRpcException();

        CliRun.Outcome outcome = await RunAsync("chaincode", "invoke", "-C", "mychannel", "-n", "basic", "-c", "{\"Args\":[\"CreateAsset\",\"asset1\"]}");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("endorsement failed: failed to endorse transaction", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("address: peer0.org1.example.com:7051; mspId: Org1MSP; message: chaincode response 500, the asset asset1 already exists", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains($"txid: {Assert.Single(_peer.Endorsements).TransactionId}", outcome.Stderr, StringComparison.Ordinal);
        Assert.Empty(_peer.Submissions);
    }

    [Fact]
    public async Task Invoke_with_json_output_prints_one_object_with_txid_payload_and_validation_code()
    {
        CliRun.Outcome outcome = await RunAsync("chaincode", "invoke", "-C", "mychannel", "-n", "basic", "-c", "{\"Args\":[\"CreateAsset\"]}", "--output", "json");

        Assert.Equal(0, outcome.ExitCode);
        using JsonDocument json = JsonDocument.Parse(outcome.Stdout);
        Assert.Equal(Assert.Single(_peer.Endorsements).TransactionId, json.RootElement.GetProperty("txId").GetString());
        Assert.Equal(200, json.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("{\"ID\":\"asset1\"}", json.RootElement.GetProperty("payload").GetString());
        Assert.Equal("VALID", json.RootElement.GetProperty("validationCode").GetString());
        Assert.Equal(7UL, json.RootElement.GetProperty("blockNumber").GetUInt64());
    }

    [Fact]
    public async Task Query_evaluates_and_prints_the_payload_without_ordering_anything()
    {
        CliRun.Outcome outcome = await RunAsync("chaincode", "query", "-C", "mychannel", "-n", "basic", "-c", "{\"Args\":[\"ReadAsset\",\"asset1\"]}");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("{\"ID\":\"asset1\"}\n", outcome.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(["ReadAsset", "asset1"], FakePeer.Args(Assert.Single(_peer.Evaluations).ProposedTransaction).Select(a => a.ToStringUtf8()));
        Assert.Empty(_peer.Endorsements);
    }

    [Fact]
    public async Task Query_finds_peer_and_identity_in_the_connection_profile_named_by_the_environment()
    {
        string profile = _material.WriteProfile($"grpc://{_peer.Address}");

        CliRun.Outcome outcome = await _material.RunAsync(
            new Dictionary<string, string> { [ConnectionResolver.ProfileVariable] = profile },
            "chaincode", "query", "-C", "mychannel", "-n", "basic", "-c", "{\"Args\":[\"GetAllAssets\"]}", "--output", "json");

        Assert.Equal(0, outcome.ExitCode);
        EvaluateRequest request = Assert.Single(_peer.Evaluations);
        var creator = Protos.Common.SignatureHeader.Parser.ParseFrom(
            Protos.Common.Header.Parser.ParseFrom(Protos.Peer.Proposal.Parser.ParseFrom(request.ProposedTransaction.ProposalBytes).Header).SignatureHeader).Creator;
        Assert.Equal(_material.User.Serialize(), creator.ToByteArray());
        using JsonDocument json = JsonDocument.Parse(outcome.Stdout);
        Assert.Equal(request.TransactionId, json.RootElement.GetProperty("txId").GetString());
    }

    [Theory]
    [InlineData("[\"CreateAsset\"]", "-c/--ctor must be a JSON object")]
    [InlineData("{\"Args\":[]}", "-c/--ctor names no function to call")]
    [InlineData("{\"Args\":[1,2]}", "\"Args\" must be an array of strings")]
    [InlineData("{Args:", "-c/--ctor is not valid JSON")]
    public async Task A_malformed_ctor_is_refused_before_contacting_the_peer(string ctor, string error)
    {
        CliRun.Outcome outcome = await RunAsync("chaincode", "invoke", "-C", "mychannel", "-n", "basic", "-c", ctor);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains(error, outcome.Stderr, StringComparison.Ordinal);
        Assert.Empty(_peer.Endorsements);
    }

    [Fact]
    public async Task A_transient_value_that_is_not_base64_is_refused_naming_its_key()
    {
        CliRun.Outcome outcome = await RunAsync("chaincode", "invoke", "-C", "mychannel", "-n", "basic", "-c", "{\"Args\":[\"f\"]}", "--transient", "{\"asset_properties\":\"not base64!\"}");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("--transient value of \"asset_properties\" is not base64", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_identity_the_error_says_what_to_set()
    {
        CliRun.Outcome outcome = await _material.RunAsync(new Dictionary<string, string>(), "chaincode", "query", "-C", "mychannel", "-n", "basic", "-c", "{\"Args\":[\"f\"]}", "--peerAddresses", _peer.Address);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("fabricish chaincode query: an identity is required: pass --msp-dir and --msp-id, set CORE_PEER_MSPCONFIGPATH and CORE_PEER_LOCALMSPID", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_peer_is_reported_with_its_address_and_what_to_check()
    {
        string nowhere = $"127.0.0.1:{FreePorts.Take()}";

        CliRun.Outcome outcome = await _material.RunAsync(
            new Dictionary<string, string> { [ConnectionResolver.PeerAddressVariable] = nowhere, [ConnectionResolver.MspDirVariable] = _material.UserMspDir, [ConnectionResolver.MspIdVariable] = "Org1MSP" },
            "chaincode", "query", "-C", "mychannel", "-n", "basic", "-c", "{\"Args\":[\"f\"]}");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains($"cannot reach the gateway at {nowhere}", outcome.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Runs with the user's MSP folder and the fake peer given as Fabric's environment variables.</summary>
    private Task<CliRun.Outcome> RunAsync(params string[] args) => _material.RunAsync(
        new Dictionary<string, string>
        {
            [ConnectionResolver.PeerAddressVariable] = _peer.Address,
            [ConnectionResolver.MspDirVariable] = _material.UserMspDir,
            [ConnectionResolver.MspIdVariable] = "Org1MSP",
        },
        args);
}
