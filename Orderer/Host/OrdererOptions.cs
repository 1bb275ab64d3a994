using Fabricish.Orderer.Kafka;
using Fabricish.Protos;

namespace Fabricish.Orderer.Host;

/// <summary>
/// The orderer node's settings (the parts of Fabric's orderer.yaml this node needs), bound from the <c>Orderer</c>
/// section of appsettings.json, then <c>FABRICISH_Orderer__Name</c> environment variables, then the command line
/// (<c>--Orderer:Name value</c> or the short switches of <see cref="OrdererHost"/>). Validated when the host starts.
/// </summary>
internal sealed record OrdererOptions
{
    public const string Section = "Orderer";

    /// <summary>host:port of the gRPC AtomicBroadcast service (HTTP/2, TLS when <see cref="Tls"/> is enabled),
    /// Fabric's General.ListenAddress/Port.</summary>
    public string ListenAddress { get; init; } = "127.0.0.1:7050";

    /// <summary>host:port of the HTTPS endpoint serving the channel participation API, /healthz and /metrics (Fabric
    /// splits these over Admin and Operations; here one endpoint, mutual TLS as <see cref="Admin"/> says).</summary>
    public string AdminListenAddress { get; init; } = "127.0.0.1:9443";

    /// <summary>Where each joined channel keeps its ledger, one folder per channel under <c>chains/</c>.</summary>
    public string DataDir { get; init; } = string.Empty;

    /// <summary>The node's local MSP folder (signcerts + keystore): the identity that signs blocks.</summary>
    public string MspDir { get; init; } = string.Empty;

    public string MspId { get; init; } = string.Empty;

    /// <summary>Password of an encrypted keystore key, if any.</summary>
    public string? MspKeyPassword { get; init; }

    /// <summary>Comma-separated brokers; when empty each channel uses the brokers its configuration names.</summary>
    public string? KafkaBootstrapServers { get; init; }

    /// <summary>Legacy09 for Kafka 0.9 brokers (Fabric's reference deployment), Modern for 0.10 and later.</summary>
    public KafkaProtocol KafkaProtocol { get; init; } = KafkaProtocol.Legacy09;

    /// <summary>How long the Kafka producer holds a broadcast so others can share its produce request (librdkafka's
    /// linger.ms). Every produce request costs the leader broker its replication and consumer fetches too, so at load a
    /// few milliseconds here save most of Kafka's CPU per transaction; it adds at most this much to ordering latency.</summary>
    public TimeSpan KafkaProducerLinger { get; init; } = KafkaConsenterOptions.DefaultProducerLinger;

    /// <summary>How many bytes a consumer fetch waits for on the broker before it is answered (librdkafka's
    /// fetch.min.bytes), at most <see cref="KafkaFetchWait"/>: under load a fetch then carries several envelopes, so the
    /// leader answers and this orderer wakes once for them instead of once per produce request.</summary>
    public int KafkaFetchMinBytes { get; init; } = KafkaConsenterOptions.DefaultFetchMinBytes;

    /// <summary>How long a consumer fetch may wait on the broker for <see cref="KafkaFetchMinBytes"/> (librdkafka's
    /// fetch.wait.max.ms): it is added to ordering latency only while fewer bytes arrive, and an idle channel costs a
    /// fetch per orderer this often.</summary>
    public TimeSpan KafkaFetchWait { get; init; } = KafkaConsenterOptions.DefaultFetchWait;

    /// <summary>How far a deliver request's timestamp may be from the orderer's clock (Fabric's
    /// General.Authentication.TimeWindow).</summary>
    public TimeSpan DeliverTimeWindow { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Largest gRPC message the node accepts (Fabric's General.MaxRecvMsgSize): must exceed every channel's
    /// AbsoluteMaxBytes, or a client gets a transport error instead of the size refusal of the broadcast checks.</summary>
    public int MaxRecvMsgSize { get; init; } = CommDefaults.MaxRecvMsgSize;

    /// <summary>Largest gRPC message the node sends, i.e. a delivered block (Fabric's General.MaxSendMsgSize).</summary>
    public int MaxSendMsgSize { get; init; } = CommDefaults.MaxSendMsgSize;

    /// <summary>TLS on the gRPC listener (Fabric's General.TLS); off by default.</summary>
    public OrdererTlsOptions Tls { get; init; } = new();

    /// <summary>Mutual TLS on the admin listener (Fabric's Admin.TLS), required unless explicitly made insecure.</summary>
    public OrdererAdminOptions Admin { get; init; } = new();

    public KafkaConsenterOptions ToConsenterOptions() => new()
    {
        BootstrapServers = string.IsNullOrWhiteSpace(KafkaBootstrapServers) ? null : KafkaBootstrapServers,
        Protocol = KafkaProtocol,
        ProducerLinger = KafkaProducerLinger,
        FetchMinBytes = KafkaFetchMinBytes,
        FetchWait = KafkaFetchWait,
    };

    public string ChainsDir => Path.Combine(DataDir, "chains");
}
