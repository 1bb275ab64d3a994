using Fabricish.Protos.Ledger.Queryresult;

namespace Fabricish.Ledger.History;

/// <summary>Fabric's HistoryQueryExecutor, behind the shim's GetHistoryForKey: answered from the channel's
/// <see cref="HistoryDatabase"/> and the blocks it points into. The history index is built by the committer, so a
/// peer may run without one; chaincode calling GetHistoryForKey then gets a clear error instead of an empty
/// history.</summary>
public interface IHistoryQueries
{
    /// <summary>Every committed write and delete of <paramref name="key"/> in namespace <paramref name="ns"/> by a
    /// valid transaction, newest first as in Fabric v2.</summary>
    IAsyncEnumerable<KeyModification> GetHistoryForKeyAsync(string ns, string key, CancellationToken cancellationToken = default);
}
