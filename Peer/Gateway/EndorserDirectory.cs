using System.Collections.Concurrent;
using System.Globalization;
using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Profile;
using Fabricish.Peer.Host;

namespace Fabricish.Peer.Gateway;

/// <summary>
/// Which peers of a channel's organisations the gateway can ask (Fabric's gateway registry, fed here by the channel
/// configuration instead of gossip): each application organisation's anchor peers, replaced or extended by
/// <see cref="GatewayOptions.Peers"/>. This peer is always its organisation's first endorser and is called in-process;
/// its own address among the anchor peers is skipped. Remote peers' connections are shared across channels.
/// </summary>
internal sealed class EndorserDirectory : IDisposable
{
    private readonly GatewayOptions _options;
    private readonly PeerTlsClient _connections;
    private readonly HashSet<string> _selfAddresses;
    private readonly ConcurrentDictionary<(string MspId, string Address), RemoteEndorser> _remotes = new();

    /// <param name="selfAddresses">Addresses that mean this peer (its listen address and external endpoint).</param>
    /// <param name="connections">How remote peers are dialled (plaintext or TLS).</param>
    public EndorserDirectory(ILocalEndorser local, GatewayOptions options, IEnumerable<string> selfAddresses, PeerTlsClient connections)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connections);
        _options = options;
        _connections = connections;
        _selfAddresses = new HashSet<string>(selfAddresses.Where(a => !string.IsNullOrEmpty(a)), StringComparer.OrdinalIgnoreCase);
        Local = new LocalGatewayEndorser(local, options.ExternalEndpoint ?? _selfAddresses.FirstOrDefault() ?? "local");
    }

    public LocalGatewayEndorser Local { get; }

    public string LocalMspId => Local.MspId;

    /// <summary>The endorsers of each application organisation of the channel, this peer first in its own.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<IGatewayEndorser>> EndorsersByOrg(ChannelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var byOrg = new Dictionary<string, IReadOnlyList<IGatewayEndorser>>(StringComparer.Ordinal);
        foreach (ApplicationOrgConfig org in config.Application?.Organizations ?? [])
        {
            var endorsers = new List<IGatewayEndorser>();
            if (org.MspId == LocalMspId)
            {
                endorsers.Add(Local);
            }

            foreach (string address in Addresses(org))
            {
                if (!_selfAddresses.Contains(address))
                {
                    endorsers.Add(_remotes.GetOrAdd((org.MspId, address), key => new RemoteEndorser(key.MspId, key.Address, _options.EndorsementTimeout, _connections)));
                }
            }

            if (endorsers.Count > 0)
            {
                byOrg[org.MspId] = endorsers;
            }
        }

        return byOrg;
    }

    private IEnumerable<string> Addresses(ApplicationOrgConfig org)
    {
        string[] configured = [.. _options.Peers.Where(p => p.MspId == org.MspId).Select(p => p.Address).Distinct(StringComparer.OrdinalIgnoreCase)];
        return configured.Length > 0
            ? configured
            : org.AnchorPeers.Select(Address).Distinct(StringComparer.OrdinalIgnoreCase);
    }

    private static string Address(AnchorPeerSpec anchor) => string.Create(CultureInfo.InvariantCulture, $"{anchor.Host}:{anchor.Port}");

    public void Dispose()
    {
        foreach (RemoteEndorser remote in _remotes.Values)
        {
            remote.Dispose();
        }

        _remotes.Clear();
    }
}
