using System.Collections.Concurrent;
using Fabricish.Channels.Msp;
using Fabricish.Peer.Channels;
using Fabricish.Peer.Gateway;
using Fabricish.Peer.Host;
using Fabricish.Protos.Discovery;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Discovery;

/// <summary>
/// Which other peers of each joined channel are alive, with their ledger heights and chaincodes (what Fabric's gossip
/// membership and state-info exchange gives its discovery service). The candidates are the peers the gateway knows
/// for the channel (<see cref="EndorserDirectory"/>: anchor peers or <c>Peer:Gateway:Peers</c>); every
/// <see cref="DiscoveryOptions.ProbeInterval"/> each is asked over <c>fabricish.membership.PeerMembership/Alive</c> for
/// its signed envelopes. A peer is listed while its last verified answer is younger than
/// <see cref="DiscoveryOptions.AliveExpiration"/>: that bounds how stale a listed height can be and how long a stopped
/// peer stays listed.
/// </summary>
internal sealed class ChannelMembership : BackgroundService
{
    private readonly IPeerChannels _channels;
    private readonly EndorserDirectory _directory;
    private readonly PeerTlsClient _connections;
    private readonly SigningIdentity _signer;
    private readonly DiscoveryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ChannelMembership> _logger;
    private readonly ConcurrentDictionary<(string Channel, string Address), KnownPeer> _known = new();
    private readonly ConcurrentDictionary<string, GrpcChannel> _connectionsByAddress = new(StringComparer.OrdinalIgnoreCase);

    public ChannelMembership(
        IPeerChannels channels, EndorserDirectory directory, PeerTlsClient connections, SigningIdentity signer, DiscoveryOptions options, TimeProvider time, ILogger<ChannelMembership> logger)
    {
        _channels = channels;
        _directory = directory;
        _connections = connections;
        _signer = signer;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>The other peers of the channel heard from within the alive expiration.</summary>
    public IReadOnlyList<KnownPeer> Alive(string channelId)
    {
        DateTimeOffset oldest = _time.GetUtcNow() - _options.AliveExpiration;
        return [.. _known.Values.Where(k => string.Equals(k.ChannelId, channelId, StringComparison.Ordinal) && k.Seen >= oldest)
            .OrderBy(k => k.Address, StringComparer.Ordinal)];
    }

    /// <summary>Every other peer alive on some channel, once each.</summary>
    public IReadOnlyList<KnownPeer> AliveAnywhere()
    {
        DateTimeOffset oldest = _time.GetUtcNow() - _options.AliveExpiration;
        return [.. _known.Values.Where(k => k.Seen >= oldest).GroupBy(k => k.Address, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.MaxBy(k => k.Seen)!).OrderBy(k => k.Address, StringComparer.Ordinal)];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.ProbeInterval, _time);
        do
        {
            var probes = new List<Task>();
            foreach (string channelId in _channels.ChannelIds)
            {
                if (!_channels.TryGet(channelId, out IPeerLedger? ledger))
                {
                    continue;
                }

                foreach ((string mspId, IReadOnlyList<IGatewayEndorser> endorsers) in _directory.EndorsersByOrg(ledger.Config))
                {
                    probes.AddRange(endorsers.Where(e => !e.IsLocal).Select(e => ProbeAsync(ledger, mspId, e.Address, stoppingToken)));
                }
            }

            await Task.WhenAll(probes).ConfigureAwait(false);
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task ProbeAsync(IPeerLedger ledger, string mspId, string address, CancellationToken cancellationToken)
    {
        string channelId = ledger.ChannelId;
        try
        {
            GrpcChannel connection = _connectionsByAddress.GetOrAdd(address, a => _connections.Connect(a, connectTimeout: _options.ProbeInterval));
            var client = new PeerMembership.PeerMembershipClient(connection);
            AliveAnswer answer = await client.AliveAsync(
                AliveProbe.Question(channelId, _signer), deadline: _time.GetUtcNow().UtcDateTime + _options.AliveExpiration, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (AliveProbe.Check(answer, mspId, ledger.Config, out string? problem) is not { } verified)
            {
                DiscoveryLog.ProbeRefused(_logger, address, channelId, problem!);
                return;
            }

            var key = (channelId, address);
            var known = new KnownPeer(channelId, mspId, address, verified.Peer, verified.Incarnation, verified.Sequence, _time.GetUtcNow());
            _known.AddOrUpdate(key, known, (_, previous) => KnownPeer.Latest(previous, known));
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            DiscoveryLog.ProbeFailed(_logger, address, channelId, e.Status.Detail);
            // A fresh connection next time: the client's reconnect backoff (up to minutes) must not delay noticing
            // that a stopped peer is back beyond one probe interval.
            if (_connectionsByAddress.TryRemove(address, out GrpcChannel? broken))
            {
                broken.Dispose();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        foreach (GrpcChannel connection in _connectionsByAddress.Values)
        {
            connection.Dispose();
        }

        _connectionsByAddress.Clear();
        base.Dispose();
    }
}
