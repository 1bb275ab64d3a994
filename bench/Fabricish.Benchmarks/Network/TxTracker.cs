using System.Collections.Concurrent;
using Fabricish.Protos.Peer;

namespace Fabricish.Benchmarks.Network;

/// <summary>The transactions in flight by transaction ID, so one block watcher per peer (and one on the orderer) can
/// resolve them as blocks arrive — cheaper than a CommitStatus call per transaction per peer. Keeps every record for
/// the report.</summary>
public sealed class TxTracker(int peers)
{
    private readonly ConcurrentDictionary<string, TxRecord> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<TxRecord> _all = new();
    private long _blocksOrdered;
    private long _transactionsOrdered;

    public int Peers { get; } = peers;

    public IEnumerable<TxRecord> All => _all;

    public int InFlight => _pending.Count;

    /// <summary>Blocks and transactions seen on the orderer's Deliver stream since the watch began.</summary>
    public (long Blocks, long Transactions) OrderedTotals => (Interlocked.Read(ref _blocksOrdered), Interlocked.Read(ref _transactionsOrdered));

    /// <summary>Registered before the proposal is sent, so a block can never arrive for an unknown transaction.</summary>
    public void Add(TxRecord record, bool awaitsCommit)
    {
        ArgumentNullException.ThrowIfNull(record);
        _all.Enqueue(record);
        if (awaitsCommit)
        {
            _pending[record.TransactionId] = record;
        }
    }

    /// <summary>Stops tracking a transaction that failed before it could reach a block.</summary>
    public void Forget(TxRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _pending.TryRemove(record.TransactionId, out _);
    }

    public void PeerCommitted(int peer, string transactionId, TxValidationCode code, ulong block, long timestamp)
    {
        if (_pending.TryGetValue(transactionId, out TxRecord? record) && record.PeerReported(peer, code, block, timestamp))
        {
            _pending.TryRemove(transactionId, out _);
        }
    }

    public void Ordered(string transactionId, long timestamp)
    {
        if (_pending.TryGetValue(transactionId, out TxRecord? record) && record.Ordered == 0)
        {
            record.Ordered = timestamp;
        }
    }

    public void BlockOrdered(int transactions)
    {
        Interlocked.Increment(ref _blocksOrdered);
        Interlocked.Add(ref _transactionsOrdered, transactions);
    }
}
