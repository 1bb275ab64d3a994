namespace Fabricish.Peer.Host;

/// <summary>Where a peer keeps world state (Fabric's ledger.state.stateDatabase).</summary>
internal enum StateDatabaseType
{
    /// <summary>The peer's own CouchDB: rich queries and index definitions work.</summary>
    CouchDB,

    /// <summary>An embedded key-value store in the peer's data folder (Fabric's goleveldb): no other process, no rich
    /// queries.</summary>
    Embedded,
}
