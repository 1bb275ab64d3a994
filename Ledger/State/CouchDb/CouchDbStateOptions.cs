namespace Fabricish.Ledger.State.CouchDb;

/// <summary>Tuning for <see cref="CouchDbStateDatabase"/>, named after Fabric's ledger.state.couchDBConfig.</summary>
public sealed record CouchDbStateOptions
{
    /// <summary>Retries of a request that failed for transport reasons or with a 5xx status.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Delay before the first retry; doubled for each further one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(125);

    /// <summary>Page size used when iterating a whole range or query result internally.</summary>
    public int InternalQueryLimit { get; init; } = 1000;

    /// <summary>Attempts to write a document whose revision changed under the committer.</summary>
    public int MaxConflictRetries { get; init; } = 3;

    /// <summary>Megabytes of committed documents (values, versions, revisions) kept in memory so endorsement reads and
    /// MVCC checks of recently written or read keys need no round trip (Fabric's cacheSize, 64 by default); 0 turns
    /// the cache off.</summary>
    public int CacheSize { get; init; } = 64;

    /// <summary>The <c>_revs_limit</c> set on every database the peer creates or opens; 0 leaves the server's own
    /// (1000 on CouchDB). The state database needs only a document's current revision — history is in the ledger — and
    /// a long revision tree is rewritten with every update of a document (on pouchdb-server a hot key's update cost
    /// grows with it). Fabric leaves CouchDB's default.</summary>
    public int RevsLimit { get; init; } = 10;
}
