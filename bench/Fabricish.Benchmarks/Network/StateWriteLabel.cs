namespace Fabricish.Benchmarks.Network;

/// <summary>What the peers' commit writes world state to, in the reports' words, from the state database each peer
/// runs (network.json's <c>orgs.*.stateDatabase</c>): a run on embedded state must not credit CouchDB with its commit
/// time.</summary>
public static class StateWriteLabel
{
    public const string CouchDb = "couchdb";

    public const string Embedded = "embedded";

    /// <summary>"CouchDB write", "embedded state write", or, for a mixed network, which org writes where.</summary>
    public static string Of(IReadOnlyDictionary<string, string> stateDatabases)
    {
        string[] kinds = [.. stateDatabases.Values.Distinct(StringComparer.OrdinalIgnoreCase)];
        if (kinds.Length == 1)
        {
            return $"{Name(kinds[0])} write";
        }

        IEnumerable<string> byOrg = stateDatabases
            .OrderBy(o => o.Key, StringComparer.Ordinal)
            .Select(o => $"{Name(o.Value)} on {o.Key}");
        return $"state write: {string.Join(", ", byOrg)}";
    }

    /// <summary>Whether any peer keeps its state in CouchDB (and pays HTTP round trips per block).</summary>
    public static bool AnyCouchDb(IReadOnlyDictionary<string, string> stateDatabases) =>
        stateDatabases.Values.Any(kind => kind.Equals(CouchDb, StringComparison.OrdinalIgnoreCase));

    private static string Name(string kind) =>
        kind.Equals(Embedded, StringComparison.OrdinalIgnoreCase) ? "embedded state"
        : kind.Equals(CouchDb, StringComparison.OrdinalIgnoreCase) ? "CouchDB"
        : kind;
}
