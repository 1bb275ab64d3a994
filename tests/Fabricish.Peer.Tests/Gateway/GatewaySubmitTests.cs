using Fabricish.Peer.Tests.Gateway.Support;
using Fabricish.Protos.Common;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Grpc.Core;
using Status = Fabricish.Protos.Common.Status;

namespace Fabricish.Peer.Tests.Gateway;

/// <summary>The gateway's Submit: only the proposal creator's signed transaction goes to an orderer, with failover
/// between orderer nodes.</summary>
public sealed class GatewaySubmitTests
{
    [Fact]
    public async Task Submit_sends_the_creators_signed_transaction_to_an_orderer()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        (Envelope prepared, string txId) = await PrepareAsync(scenario);
        Envelope signed = GatewayRequests.Sign(prepared, scenario.Network.Org1Client);

        await scenario.Client.SubmitAsync(new SubmitRequest { ChannelId = GatewayRequests.ChannelId, TransactionId = txId, PreparedTransaction = signed });

        Assert.Equal(signed, Assert.Single(scenario.Orderers[0].Received));
    }

    [Fact]
    public async Task Submissions_to_an_orderer_share_one_broadcast_stream_that_is_never_reset()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        var signed = new List<(Envelope Transaction, string TxId)>();
        for (int i = 0; i < 6; i++)
        {
            (Envelope prepared, string txId) = await PrepareAsync(scenario);
            signed.Add((GatewayRequests.Sign(prepared, scenario.Network.Org1Client), txId));
        }

        await scenario.Client.SubmitAsync(new SubmitRequest { ChannelId = GatewayRequests.ChannelId, TransactionId = signed[0].TxId, PreparedTransaction = signed[0].Transaction });
        await Task.WhenAll(signed.Skip(1).Select(s => scenario.Client.SubmitAsync(
            new SubmitRequest { ChannelId = GatewayRequests.ChannelId, TransactionId = s.TxId, PreparedTransaction = s.Transaction }).ResponseAsync));

        Assert.Equal(6, scenario.Orderers[0].Received.Count);
        Assert.Equal(1, scenario.Orderers[0].StreamsOpened);
        Assert.Empty(scenario.Orderers[0].StreamsReset);
    }

    [Fact]
    public async Task After_a_refusal_ends_the_shared_stream_the_next_submission_opens_another()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        scenario.Orderers[0].Answer = Status.BadRequest;
        (Envelope refused, string refusedTxId) = await PrepareAsync(scenario);
        RpcException error = await Assert.ThrowsAsync<RpcException>(() => scenario.Client.SubmitAsync(new SubmitRequest
        {
            ChannelId = GatewayRequests.ChannelId,
            TransactionId = refusedTxId,
            PreparedTransaction = GatewayRequests.Sign(refused, scenario.Network.Org1Client),
        }).ResponseAsync);
        scenario.Orderers[0].Answer = Status.Success;
        (Envelope accepted, string acceptedTxId) = await PrepareAsync(scenario);

        await scenario.Client.SubmitAsync(new SubmitRequest
        {
            ChannelId = GatewayRequests.ChannelId,
            TransactionId = acceptedTxId,
            PreparedTransaction = GatewayRequests.Sign(accepted, scenario.Network.Org1Client),
        });

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal(2, scenario.Orderers[0].Received.Count);
        Assert.Equal(2, scenario.Orderers[0].StreamsOpened);
        // The orderer ended the refused stream; the gateway did not reset it.
        Assert.False(Assert.Single(scenario.Orderers[0].StreamsReset));
    }

    [Fact]
    public async Task Submit_fails_over_to_the_next_orderer_node()
    {
        await using GatewayScenario scenario = new();
        string down = $"127.0.0.1:{Testing.Infra.FreePorts.Take()}";
        await scenario.StartAsync(orderers: 2, extraOrdererEndpoints: [down]);
        scenario.Orderers[0].Answer = Status.ServiceUnavailable;
        (Envelope prepared, string txId) = await PrepareAsync(scenario);

        await scenario.Client.SubmitAsync(new SubmitRequest
        {
            ChannelId = GatewayRequests.ChannelId,
            TransactionId = txId,
            PreparedTransaction = GatewayRequests.Sign(prepared, scenario.Network.Org1Client),
        });

        Assert.Single(scenario.Orderers[1].Received);
    }

    [Fact]
    public async Task Submit_tries_the_next_orderer_node_when_one_does_not_serve_the_channel()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync(orderers: 2);
        scenario.Orderers[0].Answer = Status.NotFound;

        // Nodes are tried in random order: eight submissions all succeed only if NOT_FOUND never ends the attempt.
        for (int i = 0; i < 8; i++)
        {
            (Envelope prepared, string txId) = await PrepareAsync(scenario);
            await scenario.Client.SubmitAsync(new SubmitRequest
            {
                ChannelId = GatewayRequests.ChannelId,
                TransactionId = txId,
                PreparedTransaction = GatewayRequests.Sign(prepared, scenario.Network.Org1Client),
            });
        }

        Assert.Equal(8, scenario.Orderers[1].Received.Count);
    }

    [Fact]
    public async Task Submit_reports_an_orderers_refusal_as_aborted_naming_the_orderer()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        scenario.Orderers[0].Answer = Status.BadRequest;
        (Envelope prepared, string txId) = await PrepareAsync(scenario);

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => scenario.Client.SubmitAsync(new SubmitRequest
        {
            ChannelId = GatewayRequests.ChannelId,
            TransactionId = txId,
            PreparedTransaction = GatewayRequests.Sign(prepared, scenario.Network.Org1Client),
        }).ResponseAsync);

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Contains("status=BAD_REQUEST", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(scenario.Orderers[0].Address, Assert.Single(GatewayRequests.Details(error)).Address);
    }

    [Fact]
    public async Task Submit_of_a_transaction_already_on_the_ledger_is_refused_as_already_exists_and_its_commit_status_stays_valid()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        (Envelope prepared, string txId) = await PrepareAsync(scenario);
        Envelope signed = GatewayRequests.Sign(prepared, scenario.Network.Org1Client);
        scenario.Ledger.Commit((signed, TxValidationCode.Valid));

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => scenario.Client.SubmitAsync(new SubmitRequest
        {
            ChannelId = GatewayRequests.ChannelId,
            TransactionId = txId,
            PreparedTransaction = signed,
        }).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Contains($"transaction {txId} is already on the ledger of channel {GatewayRequests.ChannelId} (block 1)", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(scenario.Orderers[0].Received);
        CommitStatusResponse status = await scenario.Client.CommitStatusAsync(GatewayRequests.CommitStatus(scenario.Network.Org1Client, txId));
        Assert.Equal((TxValidationCode.Valid, 1UL), (status.Result, status.BlockNumber));
    }

    [Fact]
    public async Task Submit_refuses_an_unsigned_transaction()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        (Envelope prepared, string txId) = await PrepareAsync(scenario);

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => scenario.Client.SubmitAsync(new SubmitRequest
        {
            ChannelId = GatewayRequests.ChannelId,
            TransactionId = txId,
            PreparedTransaction = prepared,
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("prepared transaction must be signed", error.Status.Detail);
        Assert.Empty(scenario.Orderers[0].Received);
    }

    [Fact]
    public async Task Submit_refuses_a_transaction_signed_by_someone_other_than_its_creator()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        (Envelope prepared, string txId) = await PrepareAsync(scenario);
        Envelope forged = GatewayRequests.Sign(prepared, scenario.Network.Org2Peer);

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => scenario.Client.SubmitAsync(new SubmitRequest
        {
            ChannelId = GatewayRequests.ChannelId,
            TransactionId = txId,
            PreparedTransaction = forged,
        }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("does not verify against its creator", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(scenario.Orderers[0].Received);
    }

    [Fact]
    public async Task Submit_refuses_a_transaction_whose_payload_was_altered_after_signing()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        (Envelope prepared, string txId) = await PrepareAsync(scenario);
        Envelope signed = GatewayRequests.Sign(prepared, scenario.Network.Org1Client);
        Payload payload = Payload.Parser.ParseFrom(signed.Payload);
        payload.Data = ByteString.CopyFromUtf8("something else");
        var tampered = new Envelope { Payload = payload.ToByteString(), Signature = signed.Signature };

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => scenario.Client.SubmitAsync(new SubmitRequest
        {
            ChannelId = GatewayRequests.ChannelId,
            TransactionId = txId,
            PreparedTransaction = tampered,
        }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Empty(scenario.Orderers[0].Received);
    }

    [Fact]
    public async Task Submit_refuses_a_creator_the_channel_does_not_trust()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(scenario.Network.ImpostorClient, GatewayScenario.Chaincode, ["CreateAsset", "x"]);
        EndorseResponse endorsed = await scenario.Client.EndorseAsync(GatewayRequests.Endorse(proposal, txId));

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => scenario.Client.SubmitAsync(new SubmitRequest
        {
            ChannelId = GatewayRequests.ChannelId,
            TransactionId = txId,
            PreparedTransaction = GatewayRequests.Sign(endorsed.PreparedTransaction, scenario.Network.ImpostorClient),
        }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("is not a valid member of channel mychannel", error.Status.Detail, StringComparison.Ordinal);
    }

    private static async Task<(Envelope Prepared, string TxId)> PrepareAsync(GatewayScenario scenario)
    {
        (SignedProposal proposal, string txId) = GatewayRequests.Proposal(scenario.Network.Org1Client, GatewayScenario.Chaincode, ["CreateAsset", "x"]);
        EndorseResponse endorsed = await scenario.Client.EndorseAsync(GatewayRequests.Endorse(proposal, txId));
        return (endorsed.PreparedTransaction, txId);
    }
}
