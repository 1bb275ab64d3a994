using System.Text;
using Fabricish.Committer;
using Fabricish.Peer.Events;
using Fabricish.Peer.Tests.Events.Support;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using DeliverResponse = Fabricish.Protos.Peer.DeliverResponse;
using Status = Fabricish.Protos.Common.Status;
using static Fabricish.Peer.Tests.Events.Support.EventTransactions;

namespace Fabricish.Peer.Tests.Events;

/// <summary>Deliver events and commit statuses over the real committer: a block is reported only once its state is
/// written and its savepoint recorded, so a client told "committed VALID" can read what the transaction wrote.</summary>
public sealed class CommittedEventsTests : IAsyncLifetime
{
    // Only a guard against a hang, never a measurement.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    private CommittingTestLedger _ledger = null!;
    private EventsTestHost _host = null!;

    private static TestNetwork Network => TestNetwork.Shared;

    private ICommitStatusWaiter Waiter => _host.Services.GetRequiredService<ICommitStatusWaiter>();

    public async Task InitializeAsync()
    {
        _ledger = await CommittingTestLedger.JoinedAsync();
        _host = await EventsTestHost.StartAsync(new TestPeerChannels(_ledger));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _ledger.Dispose();
    }

    [Fact]
    public async Task A_block_whose_state_write_is_in_progress_is_neither_delivered_nor_reported_committed_until_its_state_is_readable()
    {
        using var timeout = new CancellationTokenSource(Hang);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ledger.State.Hold = release.Task;
        using AsyncDuplexStreamingCall<Envelope, DeliverResponse> follower = _host.Open(DeliverContent.FilteredBlocks, timeout.Token);
        await follower.RequestStream.WriteAsync(Seek(Network.Org1Client, At(1), At(1)), timeout.Token);
        Task<bool> delivered = follower.ResponseStream.MoveNext(timeout.Token);
        (Envelope envelope, string txId) = Invoke(null, "", new Dictionary<string, string> { ["asset1"] = "blue" });

        BlockCommitResult appended = await _ledger.Committer.CommitAsync(_ledger.Chain.Cut([envelope]), timeout.Token);
        Task<CommitStatus> status = Waiter.WaitAsync(TestNetwork.ChannelId, txId, timeout.Token);

        Assert.Equal([TxValidationCode.Valid], appended.Codes);
        Assert.Equal(2UL, _ledger.Blocks.Height);
        Assert.True(_ledger.Blocks.TryGetTxLocation(txId, out _));
        (List<DeliverResponse> early, Status earlyStatus) = await _host.DeliverAsync(
            DeliverContent.FilteredBlocks, Seek(Network.Org1Client, At(1), At(1), SeekInfo.Types.SeekBehavior.FailIfNotReady));
        Assert.Empty(early);
        Assert.Equal(Status.NotFound, earlyStatus);
        (List<DeliverResponse> newest, _) = await _host.DeliverAsync(DeliverContent.FilteredBlocks, Seek(Network.Org1Client, Newest, Newest));
        Assert.Equal(0UL, Assert.Single(newest).FilteredBlock.Number);
        Assert.False(status.IsCompleted);
        Assert.False(delivered.IsCompleted);

        release.SetResult();
        Assert.Equal(new CommitStatus(TxValidationCode.Valid, 1), await status.WaitAsync(Hang));
        Assert.Equal("blue", Encoding.UTF8.GetString((await _ledger.State.GetStateAsync(TestNetwork.Chaincode, "asset1"))!.Value));
        Assert.True(await delivered.WaitAsync(Hang));
        Assert.Equal(1UL, follower.ResponseStream.Current.FilteredBlock.Number);
    }

    [Fact]
    public async Task Every_transaction_reported_committed_valid_has_its_write_readable_at_once()
    {
        _ledger.State.Delay = TimeSpan.FromMilliseconds(3);
        var mismatches = new List<string>();
        for (int i = 0; i < 25; i++)
        {
            string value = "v" + i;
            (Envelope envelope, string txId) = Invoke(null, "", new Dictionary<string, string> { ["counter"] = value });
            Task<CommitStatus> status = Waiter.WaitAsync(TestNetwork.ChannelId, txId, CancellationToken.None);
            Assert.Equal(BlockCommitStatus.Committed, (await _ledger.Committer.CommitAsync(_ledger.Chain.Cut([envelope]))).Status);

            Assert.Equal(TxValidationCode.Valid, (await status.WaitAsync(Hang)).Code);
            string? read = (await _ledger.State.GetStateAsync(TestNetwork.Chaincode, "counter"))?.Value is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
            if (read != value)
            {
                mismatches.Add($"{txId}: read {read ?? "nothing"}, committed {value}");
            }
        }

        Assert.Empty(mismatches);
    }
}
