using Fabricish.Peer.Events;
using Fabricish.Peer.Tests.Events.Support;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static Fabricish.Peer.Tests.Events.Support.EventTransactions;

namespace Fabricish.Peer.Tests.Events;

public sealed class CommitStatusWaiterTests : IDisposable
{
    private readonly TestPeerLedger _ledger = new();
    private readonly CommitStatusWaiter _waiter;

    public CommitStatusWaiterTests() => _waiter = new CommitStatusWaiter(new TestPeerChannels(_ledger), NullLogger<CommitStatusWaiter>.Instance);

    public void Dispose()
    {
        _waiter.Dispose();
        _ledger.Dispose();
    }

    [Fact]
    public async Task Wait_for_an_already_committed_transaction_answers_at_once_with_its_code_and_block()
    {
        (var first, _) = Invoke("a");
        (var conflicting, string txId) = Invoke("b");
        _ledger.Commit((first, TxValidationCode.Valid), (conflicting, TxValidationCode.MvccReadConflict));

        Task<CommitStatus> wait = _waiter.WaitAsync(TestNetwork.ChannelId, txId, CancellationToken.None);

        Assert.True(wait.IsCompletedSuccessfully);
        Assert.Equal(new CommitStatus(TxValidationCode.MvccReadConflict, 1), await wait);
    }

    [Fact]
    public async Task Wait_for_a_future_transaction_completes_when_its_block_is_committed()
    {
        (var other, _) = Invoke("a");
        (var awaited, string txId) = Invoke("b");
        Task<CommitStatus> wait = _waiter.WaitAsync(TestNetwork.ChannelId, txId, CancellationToken.None);
        Task<CommitStatus> secondWaiter = _waiter.WaitAsync(TestNetwork.ChannelId, txId, CancellationToken.None);

        _ledger.Commit((other, TxValidationCode.Valid));
        Assert.False(wait.IsCompleted);
        _ledger.Commit((other, TxValidationCode.DuplicateTxid), (awaited, TxValidationCode.Valid));

        Assert.Equal(new CommitStatus(TxValidationCode.Valid, 2), await wait.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(new CommitStatus(TxValidationCode.Valid, 2), await secondWaiter.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Wait_reports_the_first_occurrence_of_a_txid_not_a_later_duplicate()
    {
        (var original, string txId) = Invoke("a");
        _ledger.Commit((original, TxValidationCode.Valid));
        _ledger.Commit((original, TxValidationCode.DuplicateTxid));

        Assert.Equal(new CommitStatus(TxValidationCode.Valid, 1), await _waiter.WaitAsync(TestNetwork.ChannelId, txId, CancellationToken.None));
    }

    [Fact]
    public async Task Wait_ends_with_cancellation_when_the_transaction_never_commits()
    {
        using var cancel = new CancellationTokenSource();
        Task<CommitStatus> wait = _waiter.WaitAsync(TestNetwork.ChannelId, "never-committed", cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Fact]
    public async Task Wait_on_a_channel_the_peer_has_not_joined_throws()
    {
        var e = await Assert.ThrowsAsync<ChannelNotJoinedException>(() => _waiter.WaitAsync("otherchannel", "tx", CancellationToken.None));

        Assert.Equal("otherchannel", e.ChannelId);
    }
}
