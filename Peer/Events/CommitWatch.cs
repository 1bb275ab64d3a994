using Fabricish.Committer;
using Fabricish.Ledger;
using Fabricish.Peer.Channels;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Events;

/// <summary>
/// One channel's commit-status waiters, answered by a single follower of the ledger's committed blocks instead of one
/// reader per waiter. A waiter registers first and then looks the txid up in the store's index (counting only blocks
/// below the committed height), while the follower looks up the waiting txids after each newly committed block: since
/// a block's txids are indexed before it is appended and it is released only once its state is committed, whichever
/// of the two comes second finds the transaction, so no commit slips between them. Answers always come from the
/// index, so a later DUPLICATE_TXID copy never replaces the first occurrence's status.
/// </summary>
internal sealed class CommitWatch : IDisposable
{
    private readonly string _channelId;
    private readonly IPeerLedger _ledger;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PendingCommit> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _following;
    private volatile bool _ended;

    public CommitWatch(string channelId, IPeerLedger ledger, ILogger logger)
    {
        _channelId = channelId;
        _ledger = ledger;
        Store = ledger.Blocks;
        _logger = logger;
        // Blocks below the committed height now are answered by the waiters' own index look-ups, which come after
        // this; read here rather than inside the task, which may start after blocks that nobody would then look at.
        ulong from = ledger.CommittedHeight;
        _following = Task.Run(() => FollowAsync(from));
    }

    public BlockStore Store { get; }

    public bool HasEnded => _ended;

    /// <summary>The status of <paramref name="txId"/> if the store's index holds it in a block committed in full.</summary>
    public static CommitStatus? Committed(IPeerLedger ledger, string txId, Block? candidate = null)
    {
        BlockStore store = ledger.Blocks;
        if (!store.TryGetTxLocation(txId, out TxLocation location) || location.BlockNumber >= ledger.CommittedHeight)
        {
            return null;
        }

        Block? block = candidate?.Header.Number == location.BlockNumber ? candidate : store.GetBlock(location.BlockNumber);
        return block is null ? null : new CommitStatus(TransactionsFilter.Get(block)[location.TxIndex], location.BlockNumber);
    }

    public async Task<CommitStatus> WaitAsync(string txId, CancellationToken cancellationToken)
    {
        PendingCommit pending;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_ended, this);
            if (!_pending.TryGetValue(txId, out pending!))
            {
                pending = new PendingCommit();
                _pending.Add(txId, pending);
            }

            pending.Waiters++;
        }

        try
        {
            if (Committed(_ledger, txId) is { } committed)
            {
                pending.Completion.TrySetResult(committed);
            }

            return await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                if (--pending.Waiters == 0 && _pending.TryGetValue(txId, out PendingCommit? current) && current == pending)
                {
                    _pending.Remove(txId);
                }
            }
        }
    }

    private async Task FollowAsync(ulong from)
    {
        Exception? failure = null;
        try
        {
            await foreach (Block block in _ledger.ReadCommittedFrom(from, _stop.Token).ConfigureAwait(false))
            {
                Answer(block);
            }

            failure = new ObjectDisposedException(nameof(BlockStore), $"the ledger of channel {_channelId} was closed");
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            failure = new ObjectDisposedException(nameof(CommitWatch));
        }
        catch (Exception e)
        {
            EventsLog.CommitWatchFailed(_logger, _channelId, e);
            failure = e;
        }
        finally
        {
            PendingCommit[] abandoned;
            lock (_gate)
            {
                _ended = true;
                abandoned = [.. _pending.Values];
                _pending.Clear();
            }

            foreach (PendingCommit pending in abandoned)
            {
                pending.Completion.TrySetException(failure ?? new ObjectDisposedException(nameof(CommitWatch)));
            }
        }
    }

    private void Answer(Block block)
    {
        List<KeyValuePair<string, PendingCommit>> waiting;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            waiting = [.. _pending];
        }

        foreach ((string txId, PendingCommit pending) in waiting)
        {
            if (Committed(_ledger, txId, block) is { } committed)
            {
                pending.Completion.TrySetResult(committed);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _following.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The follower records its own failure; disposal only needs it stopped.
        }

        _stop.Dispose();
    }
}
