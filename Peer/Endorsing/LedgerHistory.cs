using Fabricish.Peer.Channels;
using Fabricish.Protos.Ledger.Queryresult;

namespace Fabricish.Peer.Endorsing;

/// <summary>The committer's history index behind the shim's GetHistoryForKey.</summary>
internal sealed class LedgerHistory(IPeerLedger ledger) : Endorser.Simulation.IHistoryQueries
{
    public IAsyncEnumerable<KeyModification> GetHistoryForKeyAsync(string ns, string key, CancellationToken cancellationToken = default) =>
        ledger.History.GetHistoryForKeyAsync(ns, key, cancellationToken);
}
