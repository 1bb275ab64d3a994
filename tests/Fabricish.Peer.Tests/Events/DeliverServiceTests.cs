using Fabricish.Committer;
using Fabricish.Peer.Events;
using Fabricish.Peer.Tests.Events.Support;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Grpc.Core;
using Google.Protobuf;
using DeliverResponse = Fabricish.Protos.Peer.DeliverResponse;
using Status = Fabricish.Protos.Common.Status;
using static Fabricish.Peer.Tests.Events.Support.EventTransactions;

namespace Fabricish.Peer.Tests.Events;

public sealed class DeliverServiceTests : IAsyncLifetime
{
    private readonly TestPeerLedger _ledger = new();
    private EventsTestHost _host = null!;

    private static TestNetwork Network => TestNetwork.Shared;

    public async Task InitializeAsync() => _host = await EventsTestHost.StartAsync(new TestPeerChannels(_ledger));

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _ledger.Dispose();
    }

    [Fact]
    public async Task DeliverFiltered_streams_each_appended_block_with_validation_codes_and_events_without_payload()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using AsyncDuplexStreamingCall<Envelope, DeliverResponse> call = _host.Open(DeliverContent.FilteredBlocks, timeout.Token);
        // A specified start, not next_commit: the server may read the seek after the commit below, and next_commit
        // would then rightly point past block 1.
        await call.RequestStream.WriteAsync(Seek(Network.Org1Client, At(1), At(2)), timeout.Token);

        (Envelope transfer, string transferId) = Invoke("transferred", eventPayload: "amount=10");
        (Envelope conflicting, string conflictingId) = Invoke("transferred");
        (Envelope silent, string silentId) = Invoke(eventName: null);
        _ledger.Commit((transfer, TxValidationCode.Valid), (conflicting, TxValidationCode.MvccReadConflict));
        FilteredBlock first = await NextFilteredBlock(call, timeout.Token);

        Assert.Equal(TestNetwork.ChannelId, first.ChannelId);
        Assert.Equal(1UL, first.Number);
        Assert.Equal([transferId, conflictingId], first.FilteredTransactions.Select(t => t.Txid));
        Assert.Equal([TxValidationCode.Valid, TxValidationCode.MvccReadConflict], first.FilteredTransactions.Select(t => t.TxValidationCode));
        Assert.All(first.FilteredTransactions, t => Assert.Equal(HeaderType.EndorserTransaction, t.Type));
        ChaincodeEvent transferred = Assert.Single(first.FilteredTransactions[0].TransactionActions.ChaincodeActions).ChaincodeEvent;
        Assert.Equal((TestNetwork.Chaincode, transferId, "transferred"), (transferred.ChaincodeId, transferred.TxId, transferred.EventName));
        Assert.True(transferred.Payload.IsEmpty);

        _ledger.Commit((silent, TxValidationCode.EndorsementPolicyFailure));
        FilteredBlock second = await NextFilteredBlock(call, timeout.Token);

        Assert.Equal(2UL, second.Number);
        FilteredTransaction only = Assert.Single(second.FilteredTransactions);
        Assert.Equal((silentId, TxValidationCode.EndorsementPolicyFailure), (only.Txid, only.TxValidationCode));
        Assert.Empty(only.TransactionActions.ChaincodeActions);
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
        Assert.Equal(Status.Success, call.ResponseStream.Current.Status);
    }

    [Fact]
    public async Task DeliverFiltered_lists_a_transaction_whose_data_or_payload_is_junk_with_what_can_be_read_and_goes_on()
    {
        (Envelope valid, string validId) = Invoke("transferred");
        (Envelope junkData, string junkDataId) = Invoke("transferred");
        Payload payload = Payload.Parser.ParseFrom(junkData.Payload);
        payload.Data = Junk;
        junkData.Payload = payload.ToByteString();
        var junkPayload = new Envelope { Payload = Junk, Signature = junkData.Signature };
        _ledger.Commit((valid, TxValidationCode.Valid), (junkData, TxValidationCode.BadPayload), (junkPayload, TxValidationCode.BadPayload));
        _ledger.Commit((Invoke("after").Envelope, TxValidationCode.Valid));

        (List<DeliverResponse> responses, Status status) = await _host.DeliverAsync(DeliverContent.FilteredBlocks, Seek(Network.Org1Client, Oldest, At(2)));

        Assert.Equal(Status.Success, status);
        Assert.Equal([0UL, 1UL, 2UL], responses.Select(r => r.FilteredBlock.Number));
        FilteredBlock junk = responses[1].FilteredBlock;
        Assert.Equal([validId, junkDataId, ""], junk.FilteredTransactions.Select(t => t.Txid));
        Assert.Equal([TxValidationCode.Valid, TxValidationCode.BadPayload, TxValidationCode.BadPayload], junk.FilteredTransactions.Select(t => t.TxValidationCode));
        Assert.Equal([HeaderType.EndorserTransaction, HeaderType.EndorserTransaction, HeaderType.Message], junk.FilteredTransactions.Select(t => t.Type));
        Assert.Empty(junk.FilteredTransactions[1].TransactionActions.ChaincodeActions);
    }

    [Fact]
    public async Task Deliver_from_oldest_to_a_stop_block_sends_the_committed_blocks_with_their_filter_then_success()
    {
        _ledger.Commit((Invoke("a").Envelope, TxValidationCode.Valid));
        Block second = _ledger.Commit((Invoke("b").Envelope, TxValidationCode.MvccReadConflict), (Invoke("c").Envelope, TxValidationCode.Valid));
        _ledger.Commit((Invoke("d").Envelope, TxValidationCode.Valid));

        (List<DeliverResponse> responses, Status status) = await _host.DeliverAsync(DeliverContent.Blocks, Seek(Network.Org1Client, Oldest, At(2)));

        Assert.Equal(Status.Success, status);
        Assert.Equal([0UL, 1UL, 2UL], responses.Select(r => r.Block.Header.Number));
        Assert.Equal(second, responses[2].Block);
        Assert.Equal([TxValidationCode.MvccReadConflict, TxValidationCode.Valid], TransactionsFilter.Get(responses[2].Block));
    }

    [Fact]
    public async Task Deliver_serves_the_next_request_on_the_same_stream_after_success()
    {
        _ledger.Commit((Invoke("a").Envelope, TxValidationCode.Valid));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using AsyncDuplexStreamingCall<Envelope, DeliverResponse> call = _host.Open(DeliverContent.Blocks, timeout.Token);

        foreach (ulong number in new ulong[] { 1, 0 })
        {
            await call.RequestStream.WriteAsync(Seek(Network.Org1Client, At(number), At(number)), timeout.Token);
            Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
            Assert.Equal(number, call.ResponseStream.Current.Block.Header.Number);
            Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
            Assert.Equal(Status.Success, call.ResponseStream.Current.Status);
        }
    }

    [Fact]
    public async Task DeliverWithPrivateData_sends_blocks_with_an_empty_private_data_map()
    {
        Block committed = _ledger.Commit((Invoke("a").Envelope, TxValidationCode.Valid));

        (List<DeliverResponse> responses, Status status) = await _host.DeliverAsync(DeliverContent.BlocksWithPrivateData, Seek(Network.Org1Client, Newest, Newest));

        Assert.Equal(Status.Success, status);
        BlockAndPrivateData only = Assert.Single(responses).BlockAndPrivateData;
        Assert.Equal(committed, only.Block);
        Assert.Empty(only.PrivateDataMap);
    }

    [Theory]
    [InlineData("orderer")]
    [InlineData("impostor")]
    public async Task Deliver_to_a_requester_outside_application_readers_is_forbidden(string requester)
    {
        var identity = requester == "orderer" ? Network.Orderer : Network.ImpostorClient;

        (List<DeliverResponse> responses, Status status) = await _host.DeliverAsync(DeliverContent.FilteredBlocks, Seek(identity, Oldest, Newest));

        Assert.Equal(Status.Forbidden, status);
        Assert.Empty(responses);
    }

    [Fact]
    public async Task Deliver_for_a_channel_the_peer_has_not_joined_is_not_found()
    {
        (List<DeliverResponse> responses, Status status) =
            await _host.DeliverAsync(DeliverContent.Blocks, Seek(Network.Org1Client, Oldest, Newest, channelId: "otherchannel"));

        Assert.Equal(Status.NotFound, status);
        Assert.Empty(responses);
    }

    [Fact]
    public async Task Deliver_fail_if_not_ready_sends_what_exists_then_not_found_beyond_the_height()
    {
        _ledger.Commit((Invoke("a").Envelope, TxValidationCode.Valid));

        (List<DeliverResponse> responses, Status status) = await _host.DeliverAsync(
            DeliverContent.FilteredBlocks, Seek(Network.Org1Client, At(1), At(5), SeekInfo.Types.SeekBehavior.FailIfNotReady));

        Assert.Equal(Status.NotFound, status);
        Assert.Equal([1UL], responses.Select(r => r.FilteredBlock.Number));
    }

    [Fact]
    public async Task Deliver_from_next_commit_skips_committed_blocks_and_waits_for_the_next_one()
    {
        _ledger.Commit((Invoke("a").Envelope, TxValidationCode.Valid));

        // Nothing after block 1 exists yet, so a non-waiting request from next_commit sends nothing: it neither
        // replays block 1 nor starts at the oldest block.
        (List<DeliverResponse> responses, Status status) = await _host.DeliverAsync(
            DeliverContent.FilteredBlocks, Seek(Network.Org1Client, NextCommit, At(5), SeekInfo.Types.SeekBehavior.FailIfNotReady));

        Assert.Equal(Status.NotFound, status);
        Assert.Empty(responses);
    }

    [Fact]
    public async Task Deliver_with_a_specified_start_beyond_the_next_block_is_not_found()
    {
        (List<DeliverResponse> responses, Status status) = await _host.DeliverAsync(DeliverContent.Blocks, Seek(Network.Org1Client, At(2), At(2)));

        Assert.Equal(Status.NotFound, status);
        Assert.Empty(responses);
    }

    [Fact]
    public async Task Deliver_with_a_stop_before_the_start_is_a_bad_request()
    {
        _ledger.Commit((Invoke("a").Envelope, TxValidationCode.Valid));

        (_, Status status) = await _host.DeliverAsync(DeliverContent.Blocks, Seek(Network.Org1Client, At(1), At(0)));

        Assert.Equal(Status.BadRequest, status);
    }

    [Fact]
    public async Task Deliver_request_timestamped_outside_the_time_window_is_a_bad_request()
    {
        Envelope stale = Seek(Network.Org1Client, Oldest, Newest, timestamp: DateTimeOffset.UtcNow.AddHours(-1));

        (List<DeliverResponse> responses, Status status) = await _host.DeliverAsync(DeliverContent.Blocks, stale);

        Assert.Equal(Status.BadRequest, status);
        Assert.Empty(responses);
    }

    [Fact]
    public async Task AddEvents_provides_a_commit_status_waiter_over_the_hosts_channels()
    {
        (Envelope envelope, string txId) = Invoke("a");
        var waiter = (ICommitStatusWaiter)_host.Services.GetService(typeof(ICommitStatusWaiter))!;
        Task<CommitStatus> wait = waiter.WaitAsync(TestNetwork.ChannelId, txId, CancellationToken.None);

        _ledger.Commit((envelope, TxValidationCode.Valid));

        Assert.Equal(new CommitStatus(TxValidationCode.Valid, 1), await wait.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>Bytes no protobuf message parses from (field 31 with wire type 7).</summary>
    private static ByteString Junk { get; } = ByteString.CopyFrom(0xFF, 0xFF, 0xFF);

    private static async Task<FilteredBlock> NextFilteredBlock(AsyncDuplexStreamingCall<Envelope, DeliverResponse> call, CancellationToken cancellationToken)
    {
        Assert.True(await call.ResponseStream.MoveNext(cancellationToken), "the stream ended before the block");
        Assert.Equal(DeliverResponse.TypeOneofCase.FilteredBlock, call.ResponseStream.Current.TypeCase);
        return call.ResponseStream.Current.FilteredBlock;
    }
}
