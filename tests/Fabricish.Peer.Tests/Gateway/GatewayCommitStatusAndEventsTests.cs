using Fabricish.Peer.Tests.Events.Support;
using Fabricish.Peer.Tests.Gateway.Support;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Peer;
using Grpc.Core;

namespace Fabricish.Peer.Tests.Gateway;

/// <summary>The gateway's CommitStatus and ChaincodeEvents against a real block store the test commits blocks to.</summary>
public sealed class GatewayCommitStatusAndEventsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task CommitStatus_answers_a_transaction_committed_before_the_call()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        (var envelope, string txId) = EventTransactions.Invoke(eventName: null);
        scenario.Ledger.Commit((envelope, TxValidationCode.Valid));

        CommitStatusResponse status = await scenario.Client.CommitStatusAsync(GatewayRequests.CommitStatus(scenario.Network.Org1Client, txId));

        Assert.Equal((TxValidationCode.Valid, 1UL), (status.Result, status.BlockNumber));
    }

    [Fact]
    public async Task CommitStatus_blocks_until_the_transaction_commits()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        (var other, _) = EventTransactions.Invoke(eventName: null);
        (var envelope, string txId) = EventTransactions.Invoke(eventName: null);
        using var timeout = new CancellationTokenSource(Timeout);
        AsyncUnaryCall<CommitStatusResponse> call = scenario.Client.CommitStatusAsync(
            GatewayRequests.CommitStatus(scenario.Network.Org1Client, txId), cancellationToken: timeout.Token);

        scenario.Ledger.Commit((other, TxValidationCode.Valid));
        scenario.Ledger.Commit((envelope, TxValidationCode.MvccReadConflict));
        CommitStatusResponse status = await call.ResponseAsync;

        Assert.Equal((TxValidationCode.MvccReadConflict, 2UL), (status.Result, status.BlockNumber));
    }

    [Fact]
    public async Task CommitStatus_signed_by_someone_other_than_the_named_identity_is_refused()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        (var envelope, string txId) = EventTransactions.Invoke(eventName: null);
        scenario.Ledger.Commit((envelope, TxValidationCode.Valid));

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => scenario.Client.CommitStatusAsync(
            GatewayRequests.CommitStatus(scenario.Network.Org1Client, txId, signer: scenario.Network.Org2Peer)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("/Channel/Application/Readers", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitStatus_of_an_unknown_channel_is_not_found()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => scenario.Client.CommitStatusAsync(
            GatewayRequests.CommitStatus(scenario.Network.Org1Client, "tx", channelId: "nochannel")).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task ChaincodeEvents_streams_only_valid_transactions_events_of_the_chaincode_per_block()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        (var first, string firstTx) = EventTransactions.Invoke("Created", "one");
        (var invalid, _) = EventTransactions.Invoke("Created", "rejected");
        (var silent, _) = EventTransactions.Invoke(eventName: null);
        (var second, string secondTx) = EventTransactions.Invoke("Transferred", "two");
        scenario.Ledger.Commit((first, TxValidationCode.Valid), (invalid, TxValidationCode.MvccReadConflict), (silent, TxValidationCode.Valid));
        scenario.Ledger.Commit((silent.Clone(), TxValidationCode.DuplicateTxid));
        scenario.Ledger.Commit((second, TxValidationCode.Valid));

        List<ChaincodeEventsResponse> responses = await ReadEventsAsync(scenario, GatewayRequests.ChaincodeEvents(
            scenario.Network.Org1Client, GatewayScenario.Chaincode, EventTransactions.At(1)), count: 2);

        Assert.Equal(new ulong[] { 1, 3 }, responses.Select(r => r.BlockNumber));
        Assert.Equal(new[] { (firstTx, "Created", "one"), (secondTx, "Transferred", "two") },
            responses.SelectMany(r => r.Events).Select(e => (e.TxId, e.EventName, e.Payload.ToStringUtf8())));
    }

    [Fact]
    public async Task ChaincodeEvents_resumed_after_a_checkpoint_loses_and_repeats_nothing()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        (var a, string aTx) = EventTransactions.Invoke("A");
        (var b, string bTx) = EventTransactions.Invoke("B");
        (var c, string cTx) = EventTransactions.Invoke("C");
        (var d, string dTx) = EventTransactions.Invoke("D");
        scenario.Ledger.Commit((a, TxValidationCode.Valid), (b, TxValidationCode.Valid), (c, TxValidationCode.Valid));

        // A listener that checkpointed after B in block 1 resumes there: C next, then D once it commits.
        using var timeout = new CancellationTokenSource(Timeout);
        using AsyncServerStreamingCall<ChaincodeEventsResponse> call = scenario.Client.ChaincodeEvents(
            GatewayRequests.ChaincodeEvents(scenario.Network.Org1Client, GatewayScenario.Chaincode, EventTransactions.At(1), afterTxId: bTx),
            cancellationToken: timeout.Token);
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
        ChaincodeEventsResponse resumed = call.ResponseStream.Current;
        scenario.Ledger.Commit((d, TxValidationCode.Valid));
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
        ChaincodeEventsResponse next = call.ResponseStream.Current;

        Assert.Equal(1UL, resumed.BlockNumber);
        Assert.Equal(new[] { cTx }, resumed.Events.Select(e => e.TxId));
        Assert.Equal(2UL, next.BlockNumber);
        Assert.Equal(new[] { dTx }, next.Events.Select(e => e.TxId));
        Assert.DoesNotContain(aTx, resumed.Events.Select(e => e.TxId));
    }

    [Fact]
    public async Task ChaincodeEvents_start_by_default_at_the_next_block_to_commit()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        (var old, string oldTx) = EventTransactions.Invoke("Old");
        scenario.Ledger.Commit((old, TxValidationCode.Valid));

        using var timeout = new CancellationTokenSource(Timeout);
        using AsyncServerStreamingCall<ChaincodeEventsResponse> call = scenario.Client.ChaincodeEvents(
            GatewayRequests.ChaincodeEvents(scenario.Network.Org1Client, GatewayScenario.Chaincode, start: null), cancellationToken: timeout.Token);
        // When the server reads the request is unknown here, so new blocks keep coming until the stream answers.
        Task<bool> first = call.ResponseStream.MoveNext(timeout.Token);
        var fresh = new List<string>();
        while (!first.IsCompleted)
        {
            (var envelope, string txId) = EventTransactions.Invoke("New");
            scenario.Ledger.Commit((envelope, TxValidationCode.Valid));
            fresh.Add(txId);
            await Task.WhenAny(first, Task.Delay(100, timeout.Token));
        }

        Assert.True(await first);
        string received = Assert.Single(call.ResponseStream.Current.Events).TxId;
        Assert.NotEqual(oldTx, received);
        Assert.Contains(received, fresh);
    }

    [Fact]
    public async Task ChaincodeEvents_refuse_a_requester_who_is_not_a_reader_of_the_channel()
    {
        await using GatewayScenario scenario = await new GatewayScenario().StartAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        using AsyncServerStreamingCall<ChaincodeEventsResponse> call = scenario.Client.ChaincodeEvents(
            GatewayRequests.ChaincodeEvents(scenario.Network.ImpostorClient, GatewayScenario.Chaincode, EventTransactions.At(0)), cancellationToken: timeout.Token);

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(timeout.Token));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    private static async Task<List<ChaincodeEventsResponse>> ReadEventsAsync(GatewayScenario scenario, SignedChaincodeEventsRequest request, int count)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using AsyncServerStreamingCall<ChaincodeEventsResponse> call = scenario.Client.ChaincodeEvents(request, cancellationToken: timeout.Token);
        var responses = new List<ChaincodeEventsResponse>();
        while (responses.Count < count && await call.ResponseStream.MoveNext(timeout.Token))
        {
            responses.Add(call.ResponseStream.Current);
        }

        return responses;
    }
}
