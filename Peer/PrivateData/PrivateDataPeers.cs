using System.Collections.Concurrent;
using System.Globalization;
using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Profile;
using Fabricish.Peer.Gateway;
using Fabricish.Peer.Host;
using Grpc.Net.Client;
using PrivateDataClient = Fabricish.Protos.PrivateData.PrivateData.PrivateDataClient;

namespace Fabricish.Peer.PrivateData;

/// <summary>The other peers of a channel's organizations that private data is pushed to and pulled from: as the
/// gateway knows them (<see cref="GatewayOptions.Peers"/>, else each organization's anchor peers), this peer left
/// out. Connections are opened on first use and shared.</summary>
internal sealed class PrivateDataPeers(GatewayOptions options, IEnumerable<string> selfAddresses, PeerTlsClient connections) : IDisposable
{
    private readonly HashSet<string> _self = new(selfAddresses.Where(a => !string.IsNullOrEmpty(a)), StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (GrpcChannel Channel, PrivateDataClient Client)> _clients = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Each other peer of the channel's application organizations with its organization.</summary>
    public IReadOnlyList<(string MspId, string Address)> Others(ChannelConfig config)
    {
        var peers = new List<(string, string)>();
        foreach (ApplicationOrgConfig org in config.Application?.Organizations ?? [])
        {
            string[] configured = [.. options.Peers.Where(p => p.MspId == org.MspId).Select(p => p.Address)];
            IEnumerable<string> addresses = configured.Length > 0
                ? configured
                : org.AnchorPeers.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Host}:{a.Port}"));
            foreach (string address in addresses.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!_self.Contains(address))
                {
                    peers.Add((org.MspId, address));
                }
            }
        }

        return peers;
    }

    public PrivateDataClient Client(string address) =>
        _clients.GetOrAdd(address, a =>
        {
            GrpcChannel channel = connections.Connect(a);
            return (channel, new PrivateDataClient(channel));
        }).Client;

    public void Dispose()
    {
        foreach ((GrpcChannel channel, _) in _clients.Values)
        {
            channel.Dispose();
        }

        _clients.Clear();
    }
}
