using Fabricish.Peer.Channels;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fabricish.Peer.Operations;

/// <summary>Healthy while every joined channel commits: names each channel whose commits CouchDB is holding up, whose
/// last delivered block was refused, or that cannot be opened until CouchDB answers.</summary>
internal sealed class CommitHealthCheck(PeerChannels channels) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failed = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (PeerChannel channel in channels.Channels)
        {
            if (channel.Health.StateDatabaseProblem is { } state)
            {
                failed[$"couchdb/{channel.ChannelId}"] = state;
            }

            if (channel.Health.BlockProblem is { } block)
            {
                failed[$"channel/{channel.ChannelId}"] = block;
            }
        }

        foreach ((string channelId, string reason) in channels.Opening)
        {
            failed[$"couchdb/{channelId}"] = reason;
        }

        return Task.FromResult(failed.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"{failed.Count} channel problem(s)", data: failed));
    }
}
