namespace Fabricish.Peer.Discovery;

/// <summary>
/// The discovery service's settings (Fabric's peer.discovery section of core.yaml plus how peers learn each other's
/// liveness without gossip), bound from <c>Peer:Discovery</c>, e.g. <c>FABRICISH_Peer__Discovery__Enabled=false</c>.
/// The peers a channel's discovery knows are those the gateway knows (anchor peers, replaced or extended by
/// <c>Peer:Gateway:Peers</c>); each is probed every <see cref="ProbeInterval"/>, and one not heard from for
/// <see cref="AliveExpiration"/> is left out of every answer. A listed peer's ledger height is therefore at most
/// one probe interval (plus the probe's round trip) old, and a peer that stopped is listed at most
/// <see cref="AliveExpiration"/> after its last answer.
/// </summary>
internal sealed record DiscoveryOptions
{
    public const string Section = "Discovery";

    /// <summary>Fabric's peer.discovery.enabled.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Fabric's peer.discovery.authCacheEnabled: remember each signed request's eligibility per channel until
    /// the channel's configuration changes.</summary>
    public bool AuthCacheEnabled { get; init; } = true;

    /// <summary>Fabric's peer.discovery.authCacheMaxSize.</summary>
    public int AuthCacheMaxSize { get; init; } = 1000;

    /// <summary>Fabric's peer.discovery.authCachePurgeRetentionRatio: the share of entries kept when the cache is full.</summary>
    public double AuthCachePurgeRetentionRatio { get; init; } = 0.75;

    /// <summary>Fabric's peer.discovery.orgMembersAllowedAccess: local peer queries by any member of this peer's
    /// organisation, not only its admins.</summary>
    public bool OrgMembersAllowedAccess { get; init; }

    /// <summary>How often each other peer of a joined channel is asked for its alive and state-info envelopes.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a peer stays listed after its last answer (Fabric's gossip alive expiration, shorter here
    /// because probes are direct).</summary>
    public TimeSpan AliveExpiration { get; init; } = TimeSpan.FromSeconds(5);
}
