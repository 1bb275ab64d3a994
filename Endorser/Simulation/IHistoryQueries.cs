using Fabricish.Protos.Ledger.Queryresult;

namespace Fabricish.Endorser.Simulation;

/// <summary>Fabric's HistoryQueryExecutor: every committed modification of a key, newest first. The history index
/// is built by the committer, so a peer may run without one; chaincode calling GetHistoryForKey then gets a clear
/// error instead of an empty history.</summary>
public interface IHistoryQueries
{
    IAsyncEnumerable<KeyModification> GetHistoryForKeyAsync(string ns, string key, CancellationToken cancellationToken = default);
}
