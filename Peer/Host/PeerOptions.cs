using Fabricish.Protos;

namespace Fabricish.Peer.Host;

/// <summary>
/// The peer node's settings (the parts of Fabric's core.yaml this node needs), bound from the <c>Peer</c> section of
/// appsettings.json, then <c>FABRICISH_Peer__Name</c> environment variables, then the command line
/// (<c>--Peer:Name value</c> or the short switches of <see cref="PeerHost"/>). Validated when the host starts.
/// </summary>
internal sealed record PeerOptions
{
    public const string Section = "Peer";

    /// <summary>host:port of the peer's gRPC services (HTTP/2, TLS when <see cref="Tls"/> is enabled), Fabric's
    /// peer.listenAddress.</summary>
    public string ListenAddress { get; init; } = "127.0.0.1:7051";

    /// <summary>host:port of the HTTP endpoint serving the admin channel API, /healthz and /metrics (Fabric's
    /// operations.listenAddress).</summary>
    public string OperationsListenAddress { get; init; } = "127.0.0.1:9444";

    /// <summary>Fabric's peer.fileSystemPath: each joined channel's block store lives in its own folder under
    /// <see cref="ChainsDir"/>.</summary>
    public string DataDir { get; init; } = string.Empty;

    /// <summary>The peer's local MSP folder (cacerts, signcerts, keystore, config.yaml): the identity that signs deliver
    /// requests, and the organization whose admins may join channels.</summary>
    public string MspDir { get; init; } = string.Empty;

    public string MspId { get; init; } = string.Empty;

    /// <summary>Password of an encrypted keystore key, if any.</summary>
    public string? MspKeyPassword { get; init; }

    /// <summary>Fabric's ledger.state.stateDatabase: <c>CouchDB</c> (the default) or <c>Embedded</c> (Fabric's word
    /// <c>goleveldb</c> is accepted too), case-insensitive; <see cref="ParsedStateDatabase"/> is null for anything else,
    /// which the validator refuses.</summary>
    public string StateDatabase { get; init; } = nameof(StateDatabaseType.CouchDB);

    public StateDatabaseType? ParsedStateDatabase => StateDatabase.Trim().ToUpperInvariant() switch
    {
        "COUCHDB" => StateDatabaseType.CouchDB,
        "EMBEDDED" or "GOLEVELDB" or "LEVELDB" => StateDatabaseType.Embedded,
        _ => null,
    };

    /// <summary>Root URL of this peer's own CouchDB (Fabric's ledger.state.couchDBConfig.couchDBAddress); one CouchDB
    /// per peer, since channel databases are named after the channel only.</summary>
    public string CouchDbAddress { get; init; } = "http://127.0.0.1:5984/";

    /// <summary>A CouchDB server admin's name and password (Fabric's couchDBConfig.username and password), sent as HTTP
    /// Basic credentials; required, since a CouchDB without an admin lets anyone write ledger state.</summary>
    public string? CouchDbUsername { get; init; }

    public string? CouchDbPassword { get; init; }

    /// <summary>Megabytes of committed state the peer keeps in memory per channel so endorsement reads and MVCC checks
    /// of recent keys skip CouchDB (Fabric's couchDBConfig.cacheSize, 64 by default); 0 turns the cache off.</summary>
    public int CouchDbCacheSize { get; init; } = 64;

    /// <summary>The _revs_limit the peer sets on each of its CouchDB databases; 0 leaves CouchDB's (1000). The state
    /// database needs only current revisions, and a long revision tree is rewritten with every update.</summary>
    public int CouchDbRevsLimit { get; init; } = 10;

    /// <summary>Comma-separated host:port list that replaces the orderer endpoints of every channel's configuration
    /// (Fabric's peer.deliveryclient.addressOverrides, simplified to one list).</summary>
    public string? OrdererEndpoints { get; init; }

    /// <summary>First delay before reconnecting to the next orderer; doubled per failure up to
    /// <see cref="DeliverRetryMaxDelay"/> (Fabric's peer.deliveryclient.reConnectBackoffThreshold).</summary>
    public TimeSpan DeliverRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan DeliverRetryMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long dialling an orderer for blocks may take (Fabric's peer.deliveryclient.connTimeout): an orderer
    /// cut off by the network drops the SYN, and without a limit the kernel keeps retrying it for two minutes.</summary>
    public TimeSpan DeliverConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Silence on the block stream after which the peer pings the orderer, and how long it waits for the answer
    /// before dropping the connection and dialling the next orderer (Fabric's peer.keepalive.deliveryClient.interval
    /// and timeout; Fabric's orderers refuse pings more often than every 60 s by default).</summary>
    public TimeSpan DeliverKeepAliveInterval { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan DeliverKeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>First delay before retrying a commit the state database could not take; doubled up to
    /// <see cref="CommitRetryMaxDelay"/>.</summary>
    public TimeSpan CommitRetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan CommitRetryMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How far a signed admin request's timestamp may be from the peer's clock.</summary>
    public TimeSpan AdminRequestTimeWindow { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Largest gRPC message the peer accepts (Fabric's peer.maxRecvMsgSize): proposals and transactions as large
    /// as a channel's AbsoluteMaxBytes allows.</summary>
    public int MaxRecvMsgSize { get; init; } = CommDefaults.MaxRecvMsgSize;

    /// <summary>Largest gRPC message the peer sends, e.g. a delivered block (Fabric's peer.maxSendMsgSize).</summary>
    public int MaxSendMsgSize { get; init; } = CommDefaults.MaxSendMsgSize;

    /// <summary>TLS of the gRPC listener and of the connections the peer opens (Fabric's peer.tls); off by default.</summary>
    public PeerTlsOptions Tls { get; init; } = new();

    /// <summary>Private data transient store, pulls at commit and reconciliation.</summary>
    public PeerPrivateDataOptions PrivateData { get; init; } = new();

    /// <summary>TEST-ONLY crash points (<see cref="PeerFaultInjection"/>), all off by default.</summary>
    public PeerFaultInjection FaultInjection { get; init; } = new();

    public string ChainsDir => Path.Combine(DataDir, "ledgersData", "chains");

    /// <summary>Fabric's transient store folder, beside the ledgers.</summary>
    public string TransientStoreDir => Path.Combine(DataDir, "transientstore");

    /// <summary>Fabric's pvtdataStore folder: committed private data, missing data entries, blockToLive schedule.</summary>
    public string PvtDataStoreDir => Path.Combine(DataDir, "ledgersData", "pvtdataStore");

    /// <summary>The embedded state store of a channel, inside the channel's block store folder so that it is created,
    /// and deleted, with the channel's ledger.</summary>
    public static string EmbeddedStateDir(string channelDirectory) => Path.Combine(channelDirectory, "statedb");

    /// <summary>The override list split, or empty when the channel configuration decides.</summary>
    public IReadOnlyList<string> OrdererEndpointOverrides =>
        string.IsNullOrWhiteSpace(OrdererEndpoints)
            ? []
            : OrdererEndpoints.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
