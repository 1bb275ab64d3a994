using Fabricish.Ledger.State;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;

namespace Fabricish.Endorser.Simulation;

/// <summary>Fabric's resultsItr: a range scan that remembers what the chaincode actually pulled, so the committer
/// can re-run the same range and detect phantoms. The recorded end key is the last key returned, or the requested
/// end key once the scan ran out, because the chaincode may stop early and never see the rest.</summary>
internal sealed class RangeScanIterator : IAsyncEnumerator<VersionedKV>
{
    private readonly TxSimulator simulator;
    private readonly string requestedEndKey;
    private readonly IAsyncEnumerator<VersionedKV> results;
    private readonly QueryReads reads = new();
    private VersionedKV? current;

    public RangeScanIterator(TxSimulator simulator, string ns, string startKey, string endKey, IAsyncEnumerable<VersionedKV> source, CancellationToken cancellationToken)
    {
        this.simulator = simulator;
        Namespace = ns;
        requestedEndKey = endKey;
        Info = new RangeQueryInfo { StartKey = startKey, RawReads = reads };
        results = source.GetAsyncEnumerator(cancellationToken);
    }

    public string Namespace { get; }

    public RangeQueryInfo Info { get; }

    public VersionedKV Current => current ?? throw new InvalidOperationException("the iterator is not positioned on a result");

    public async ValueTask<bool> MoveNextAsync()
    {
        if (Info.ItrExhausted)
        {
            return false;
        }

        if (!await results.MoveNextAsync().ConfigureAwait(false))
        {
            Info.ItrExhausted = true;
            Info.EndKey = requestedEndKey;
            current = null;
            return false;
        }

        current = results.Current;
        simulator.CheckSnapshot(Namespace, current.Key, current.VersionedValue.Version);
        reads.KvReads.Add(RWSetBuilder.NewKVRead(current.Key, current.VersionedValue.Version));
        Info.EndKey = current.Key;
        return true;
    }

    public ValueTask DisposeAsync() => results.DisposeAsync();
}
