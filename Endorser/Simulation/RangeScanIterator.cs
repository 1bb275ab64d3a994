using Fabricish.Ledger.State;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;

namespace Fabricish.Endorser.Simulation;

/// <summary>Fabric's resultsItr: a range scan that remembers what the chaincode actually pulled, so the committer
/// can re-run the same range and detect phantoms. The recorded end key is the last key returned, or the requested
/// end key once the scan ran out, because the chaincode may stop early and never see the rest.</summary>
internal sealed class RangeScanIterator : IAsyncEnumerator<VersionedKV>
{
    private readonly TxSimulator _simulator;
    private readonly string _requestedEndKey;
    private readonly IAsyncEnumerator<VersionedKV> _results;
    private readonly QueryReads _reads = new();
    private VersionedKV? _current;

    public RangeScanIterator(TxSimulator simulator, string ns, string startKey, string endKey, IAsyncEnumerable<VersionedKV> source, CancellationToken cancellationToken)
    {
        _simulator = simulator;
        Namespace = ns;
        _requestedEndKey = endKey;
        Info = new RangeQueryInfo { StartKey = startKey, RawReads = _reads };
        _results = source.GetAsyncEnumerator(cancellationToken);
    }

    public string Namespace { get; }

    public RangeQueryInfo Info { get; }

    public VersionedKV Current => _current ?? throw new InvalidOperationException("the iterator is not positioned on a result");

    public async ValueTask<bool> MoveNextAsync()
    {
        if (Info.ItrExhausted)
        {
            return false;
        }

        if (!await _results.MoveNextAsync().ConfigureAwait(false))
        {
            Info.ItrExhausted = true;
            Info.EndKey = _requestedEndKey;
            _current = null;
            return false;
        }

        _current = _results.Current;
        _simulator.CheckSnapshot(Namespace, _current.Key, _current.VersionedValue.Version);
        _reads.KvReads.Add(RWSetBuilder.NewKVRead(_current.Key, _current.VersionedValue.Version));
        Info.EndKey = _current.Key;
        return true;
    }

    public ValueTask DisposeAsync() => _results.DisposeAsync();
}
