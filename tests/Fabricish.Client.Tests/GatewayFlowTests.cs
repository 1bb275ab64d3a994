using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using ProposalMessage = Fabricish.Protos.Peer.Proposal;
using ProtoErrorDetail = Fabricish.Protos.Gateway.ErrorDetail;

namespace Fabricish.Client.Tests;

/// <summary>Gateway → Network → Contract against a stand-in Gateway service: what each step sends, that it is signed
/// by the client, and how outcomes and failures come back.</summary>
public sealed class GatewayFlowTests : IAsyncLifetime
{
    private readonly TestOrg _org = new("Org1MSP", "org1.example.com");
    private SigningIdentity _user = null!;
    private FakeGatewayServer _server = null!;
    private Gateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _user = _org.Identity("User1@org1.example.com", NodeRole.Client);
        _server = await FakeGatewayServer.StartAsync();
        _gateway = Gateway.Connect(new GatewayConnectOptions
        {
            Channel = _server.Channel,
            Identity = Identity.FromSigningIdentity(_user),
            Signer = Signers.NewPrivateKeySigner(_user.Key),
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _user.Dispose();
        _org.Dispose();
    }

    [Fact]
    public async Task Evaluate_sends_a_signed_proposal_for_the_target_organizations_and_returns_the_payload()
    {
        Contract contract = _gateway.GetNetwork("mychannel").GetContract("basic");

        byte[] result = await contract.EvaluateTransactionAsync("ReadAsset", new ProposalOptions
        {
            Arguments = [Encoding.UTF8.GetBytes("asset1")],
            EndorsingOrganizations = ["Org2MSP"],
        });

        Assert.Equal("result", Encoding.UTF8.GetString(result));
        EvaluateRequest request = Assert.Single(_server.Service.Evaluations);
        Assert.Equal("mychannel", request.ChannelId);
        Assert.Equal(["Org2MSP"], request.TargetOrganizations);
        Assert.True(Verify(request.ProposedTransaction.ProposalBytes, request.ProposedTransaction.Signature));
        Assert.Equal(["ReadAsset", "asset1"], Args(request.ProposedTransaction));
        Assert.Equal(request.TransactionId, TxId(request.ProposedTransaction));
    }

    [Fact]
    public async Task SubmitTransaction_endorses_signs_the_envelope_submits_and_waits_for_a_VALID_commit()
    {
        Contract contract = _gateway.GetNetwork("mychannel").GetContract("basic");

        byte[] result = await contract.SubmitTransactionAsync("CreateAsset", "asset1", "blue");

        Assert.Equal("result", Encoding.UTF8.GetString(result));
        EndorseRequest endorse = Assert.Single(_server.Service.Endorsements);
        Assert.Equal(["CreateAsset", "asset1", "blue"], Args(endorse.ProposedTransaction));
        Assert.True(Verify(endorse.ProposedTransaction.ProposalBytes, endorse.ProposedTransaction.Signature));
        SubmitRequest submit = Assert.Single(_server.Service.Submissions);
        Assert.Equal((endorse.TransactionId, "mychannel"), (submit.TransactionId, submit.ChannelId));
        Assert.True(Verify(submit.PreparedTransaction.Payload, submit.PreparedTransaction.Signature));
        SignedCommitStatusRequest signedStatus = Assert.Single(_server.Service.CommitStatusRequests);
        Assert.True(Verify(signedStatus.Request, signedStatus.Signature));
        CommitStatusRequest status = CommitStatusRequest.Parser.ParseFrom(signedStatus.Request);
        Assert.Equal((endorse.TransactionId, "mychannel"), (status.TransactionId, status.ChannelId));
        Assert.Equal(_user.Serialize(), status.Identity.ToByteArray());
    }

    [Fact]
    public async Task SubmitTransaction_throws_CommitException_carrying_the_validation_code_when_not_VALID()
    {
        _server.Service.CommitCode = TxValidationCode.MvccReadConflict;
        Contract contract = _gateway.GetNetwork("mychannel").GetContract("basic");

        var e = await Assert.ThrowsAsync<CommitException>(() => contract.SubmitTransactionAsync("TransferAsset", "asset1", "Org2"));

        Assert.Equal(TxValidationCode.MvccReadConflict, e.Code);
        Assert.Equal(7UL, e.BlockNumber);
        Assert.Equal(Assert.Single(_server.Service.Endorsements).TransactionId, e.TransactionId);
        Assert.Contains("MvccReadConflict", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_returns_the_result_at_once_and_the_commit_status_as_a_value()
    {
        _server.Service.CommitCode = TxValidationCode.EndorsementPolicyFailure;
        _server.Service.CommitBlock = 9;
        Contract contract = _gateway.GetNetwork("mychannel").GetContract("basic");

        SubmittedTransaction submitted = await contract.SubmitAsync("CreateAsset", ProposalOptions.WithArguments("asset2"));
        Assert.Equal("result", Encoding.UTF8.GetString(submitted.Result));
        Assert.Empty(_server.Service.CommitStatusRequests);
        Status status = await submitted.GetStatusAsync();

        Assert.Equal(new Status(submitted.TransactionId, TxValidationCode.EndorsementPolicyFailure, 9), status);
        Assert.False(status.Successful);
    }

    [Fact]
    public async Task Proposal_level_flow_endorses_then_submits_with_the_contract_name_prefixing_the_function()
    {
        Contract contract = _gateway.GetNetwork("mychannel").GetContract("basic", "AssetContract");

        Proposal proposal = contract.NewProposal("ReadAsset", ProposalOptions.WithArguments("asset1"));
        Transaction transaction = await proposal.EndorseAsync();
        SubmittedTransaction submitted = await transaction.SubmitAsync();
        Status status = await submitted.GetStatusAsync();

        Assert.Equal(proposal.TransactionId, transaction.TransactionId);
        Assert.Equal((200, "result"), (transaction.ResponseStatus, Encoding.UTF8.GetString(transaction.Result)));
        Assert.True(status.Successful);
        Assert.Equal(["AssetContract:ReadAsset", "asset1"], Args(Assert.Single(_server.Service.Endorsements).ProposedTransaction));
    }

    [Fact]
    public async Task Endorse_failure_is_an_EndorseException_with_the_transaction_id_and_the_gateways_error_details()
    {
        var status = new Google.Rpc.Status { Code = (int)StatusCode.Aborted, Message = "failed to collect enough transaction endorsements" };
        status.Details.Add(Any.Pack(new ProtoErrorDetail { Address = "peer0.org2.example.com:9051", MspId = "Org2MSP", Message = "chaincode response 500, asset exists" }));
        _server.Service.EndorseFailure = status.ToRpcException();
        Contract contract = _gateway.GetNetwork("mychannel").GetContract("basic");

        var e = await Assert.ThrowsAsync<EndorseException>(() => contract.SubmitTransactionAsync("CreateAsset", "asset1"));

        Assert.Equal(StatusCode.Aborted, e.StatusCode);
        Assert.Equal(Assert.Single(_server.Service.Endorsements).TransactionId, e.TransactionId);
        Assert.Equal([new ErrorDetail("peer0.org2.example.com:9051", "Org2MSP", "chaincode response 500, asset exists")], e.Details);
        Assert.Contains("asset exists", e.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Service.Submissions);
    }

    [Fact]
    public async Task Chaincode_events_resume_from_a_checkpoint_and_arrive_flattened_with_their_block_numbers()
    {
        var first = new ChaincodeEventsResponse { BlockNumber = 4 };
        first.Events.Add(new Protos.Peer.ChaincodeEvent { ChaincodeId = "basic", TxId = "tx2", EventName = "Created", Payload = ByteString.CopyFromUtf8("a") });
        first.Events.Add(new Protos.Peer.ChaincodeEvent { ChaincodeId = "basic", TxId = "tx3", EventName = "Updated", Payload = ByteString.CopyFromUtf8("b") });
        var second = new ChaincodeEventsResponse { BlockNumber = 6 };
        second.Events.Add(new Protos.Peer.ChaincodeEvent { ChaincodeId = "basic", TxId = "tx9", EventName = "Deleted" });
        _server.Service.Events = [first, second];
        var checkpointer = new InMemoryCheckpointer();
        await checkpointer.CheckpointTransactionAsync(4, "tx1");
        Network network = _gateway.GetNetwork("mychannel");

        var received = new List<ChaincodeEvent>();
        await foreach (ChaincodeEvent e in network.GetChaincodeEventsAsync("basic", new ChaincodeEventsOptions { Checkpoint = checkpointer, StartBlock = 1 }))
        {
            received.Add(e);
            await checkpointer.CheckpointChaincodeEventAsync(e);
        }

        Assert.Equal([(4UL, "tx2", "Created"), (4UL, "tx3", "Updated"), (6UL, "tx9", "Deleted")], received.Select(e => (e.BlockNumber, e.TransactionId, e.EventName)));
        Assert.Equal((6UL, "tx9"), (checkpointer.BlockNumber!.Value, checkpointer.TransactionId));
        SignedChaincodeEventsRequest signed = Assert.Single(_server.Service.EventsRequests);
        Assert.True(Verify(signed.Request, signed.Signature));
        ChaincodeEventsRequest request = ChaincodeEventsRequest.Parser.ParseFrom(signed.Request);
        Assert.Equal(("mychannel", "basic", "tx1"), (request.ChannelId, request.ChaincodeId, request.AfterTransactionId));
        Assert.Equal(4UL, request.StartPosition.Specified.Number);
        Assert.Equal(_user.Serialize(), request.Identity.ToByteArray());
    }

    [Fact]
    public async Task Chaincode_events_start_at_the_start_block_or_else_at_the_next_commit()
    {
        Network network = _gateway.GetNetwork("mychannel");

        await foreach (ChaincodeEvent unused in network.GetChaincodeEventsAsync("basic", new ChaincodeEventsOptions { StartBlock = 3 }))
        {
            Assert.Fail("no events were given");
        }

        await foreach (ChaincodeEvent unused in network.GetChaincodeEventsAsync("basic"))
        {
            Assert.Fail("no events were given");
        }

        var requests = _server.Service.EventsRequests.Select(r => ChaincodeEventsRequest.Parser.ParseFrom(r.Request).StartPosition).ToList();
        Assert.Equal(3UL, requests[0].Specified.Number);
        Assert.Equal(SeekPosition.TypeOneofCase.NextCommit, requests[1].TypeCase);
    }

    [Fact]
    public async Task An_unreachable_gateway_is_a_GatewayException_with_status_Unavailable()
    {
        using GrpcChannel nowhere = GrpcChannel.ForAddress($"http://127.0.0.1:{FreePorts.Take()}");
        Gateway gateway = Gateway.Connect(new GatewayConnectOptions
        {
            Channel = nowhere,
            Identity = Identity.FromSigningIdentity(_user),
            Signer = Signers.NewPrivateKeySigner(_user.Key),
        });

        var e = await Assert.ThrowsAsync<GatewayException>(() => gateway.GetNetwork("mychannel").GetContract("basic").EvaluateTransactionAsync("ReadAsset", "asset1"));

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
    }

    private bool Verify(ByteString message, ByteString signature)
    {
        using ECDsa publicKey = _user.Certificate.GetECDsaPublicKey()!;
        return Signatures.Verify(publicKey, message.Span, signature.Span);
    }

    private static List<string> Args(SignedProposal signed)
    {
        ProposalMessage proposal = ProposalMessage.Parser.ParseFrom(signed.ProposalBytes);
        ChaincodeProposalPayload payload = ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
        return [.. ChaincodeInvocationSpec.Parser.ParseFrom(payload.Input).ChaincodeSpec.Input.Args.Select(a => a.ToStringUtf8())];
    }

    private static string TxId(SignedProposal signed)
    {
        ProposalMessage proposal = ProposalMessage.Parser.ParseFrom(signed.ProposalBytes);
        var header = Protos.Common.Header.Parser.ParseFrom(proposal.Header);
        return Protos.Common.ChannelHeader.Parser.ParseFrom(header.ChannelHeader).TxId;
    }
}
