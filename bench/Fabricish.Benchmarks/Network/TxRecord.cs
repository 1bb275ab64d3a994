using Fabricish.Protos.Peer;

namespace Fabricish.Benchmarks.Network;

/// <summary>One bench transaction's timeline (Stopwatch timestamps, 0 = not reached) and outcome. Written by its
/// worker and by the block watchers; <see cref="TryFinish"/> decides the outcome exactly once.</summary>
public sealed class TxRecord
{
    private readonly long[] _peerCommitted;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _finished;
    private int _peersSeen;
    private int _invalidCode = -1;

    public TxRecord(string transactionId, long sequence, int worker, int gateway, long start, bool measured, int peers)
    {
        TransactionId = transactionId;
        Sequence = sequence;
        Worker = worker;
        Gateway = gateway;
        Start = start;
        Measured = measured;
        _peerCommitted = new long[peers];
    }

    public string TransactionId { get; }

    public long Sequence { get; }

    public int Worker { get; }

    /// <summary>Index of the org whose peer gateway endorsed and submitted it.</summary>
    public int Gateway { get; }

    public long Start { get; }

    /// <summary>Started inside the measured window (not in the warm-up or the drain).</summary>
    public bool Measured { get; }

    public long Endorsed { get; set; }

    public long Submitted { get; set; }

    /// <summary>Its block was seen on the orderer's Deliver stream.</summary>
    public long Ordered { get; set; }

    /// <summary>Committed on the last of the peers.</summary>
    public long Committed { get; private set; }

    public ReadOnlySpan<long> PeerCommitted => _peerCommitted;

    public ulong Block { get; private set; }

    public TxOutcome Outcome { get; private set; }

    /// <summary>The validation code of an invalid transaction.</summary>
    public TxValidationCode? Code => _invalidCode < 0 ? null : (TxValidationCode)_invalidCode;

    /// <summary>Why a failed transaction failed: "endorse: ...", "submit: ...", "timeout: ...".</summary>
    public string? Reason { get; private set; }

    public Task Done => _done.Task;

    /// <summary>A peer's filtered block holds this transaction; true when it was the last peer to report.</summary>
    public bool PeerReported(int peer, TxValidationCode code, ulong block, long timestamp)
    {
        if (Interlocked.CompareExchange(ref _peerCommitted[peer], timestamp, 0) != 0)
        {
            return false;
        }

        if (code != TxValidationCode.Valid)
        {
            Interlocked.CompareExchange(ref _invalidCode, (int)code, -1);
        }

        Block = block;
        if (Interlocked.Increment(ref _peersSeen) != _peerCommitted.Length)
        {
            return false;
        }

        Committed = timestamp;
        return TryFinish(_invalidCode < 0 ? TxOutcome.Committed : TxOutcome.Invalid, null);
    }

    /// <summary>The peers that reported it so far.</summary>
    public int PeersSeen => Volatile.Read(ref _peersSeen);

    /// <summary>Sets the outcome unless one is already set; completes <see cref="Done"/>.</summary>
    public bool TryFinish(TxOutcome outcome, string? reason, long timestamp = 0)
    {
        if (Interlocked.CompareExchange(ref _finished, 1, 0) != 0)
        {
            return false;
        }

        if (timestamp != 0)
        {
            Committed = timestamp;
        }

        Outcome = outcome;
        Reason = reason;
        _done.TrySetResult();
        return true;
    }
}
