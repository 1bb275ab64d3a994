using System.Runtime.CompilerServices;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;

namespace Fabricish.Testing.State;

/// <summary>An in-memory state database whose range reads wait at a gate until the test opens it, as a CouchDB that
/// is slow to answer right after a restart keeps a peer's first loads in progress.</summary>
public sealed class GatedReadsStateDatabase() : ForwardingStateDatabase(new InMemoryStateDatabase())
{
    // Reads waiting at the gate continue on the thread that opens it, as I/O completions run on whatever thread
    // the node gives them.
    private readonly TaskCompletionSource _gate = new();
    private int _rangeReads;

    /// <summary>Range reads started so far (answered or still waiting).</summary>
    public int RangeReads => Volatile.Read(ref _rangeReads);

    /// <summary>Lets every waiting and later range read through.</summary>
    public void Open() => _gate.TrySetResult();

    public override async IAsyncEnumerable<VersionedKV> GetStateRangeAsync(
        string ns, string startKey, string endKey, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _rangeReads);
        await _gate.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        await foreach (VersionedKV kv in base.GetStateRangeAsync(ns, startKey, endKey, cancellationToken).ConfigureAwait(false))
        {
            yield return kv;
        }
    }
}
