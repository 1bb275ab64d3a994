namespace Fabricish.Peer.Gateway;

/// <summary>
/// The gateway service's settings (Fabric's peer.gateway section of core.yaml plus where other organisations' peers
/// are), bound from <c>Peer:Gateway</c>: e.g. <c>FABRICISH_Peer__Gateway__Peers__0__MspId=Org2MSP</c> and
/// <c>FABRICISH_Peer__Gateway__Peers__0__Address=peer0.org2.example.com:9051</c>. Validated when the host starts.
/// </summary>
internal sealed record GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Fabric's peer.gateway.enabled: whether this peer serves <c>gateway.Gateway</c>.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// Endorsing peers of the channels' organisations. A channel's peers are the anchor peers of each application
    /// organisation in its configuration; an organisation listed here has these addresses instead of its anchor peers
    /// (anchor host names often resolve only inside the nodes' own network), and an organisation without anchor peers
    /// gains them. Entries of organisations that are not members of a channel are ignored for that channel.
    /// </summary>
    public List<GatewayPeer> Peers { get; init; } = [];

    /// <summary>host:port other peers reach this peer at (Fabric's peer.gossip.externalEndpoint), so that this peer
    /// recognises itself among anchor peers and endorses in-process instead of calling itself.</summary>
    public string? ExternalEndpoint { get; init; }

    /// <summary>Fabric's peer.gateway.endorsementTimeout: how long one peer may take to endorse or evaluate.</summary>
    public TimeSpan EndorsementTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Fabric's peer.gateway.broadcastTimeout: how long one orderer may take to accept a transaction.</summary>
    public TimeSpan BroadcastTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Which orderer node a transaction is offered to first: <see cref="OrdererSelection.Sticky"/> (the one that
    /// accepted the last, the others on failure) or Fabric's <see cref="OrdererSelection.Random"/>.</summary>
    public OrdererSelection OrdererSelection { get; init; } = OrdererSelection.Sticky;
}
