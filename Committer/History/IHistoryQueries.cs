using Fabricish.Protos.Ledger.Queryresult;

namespace Fabricish.Committer.History;

/// <summary>Fabric's history database queries, behind the shim's GetHistoryForKey.</summary>
public interface IHistoryQueries
{
    /// <summary>Every committed write and delete of <paramref name="key"/> in namespace <paramref name="ns"/> by a
    /// valid transaction, newest first as in Fabric v2.</summary>
    IAsyncEnumerable<KeyModification> GetHistoryForKeyAsync(string ns, string key, CancellationToken cancellationToken = default);
}
