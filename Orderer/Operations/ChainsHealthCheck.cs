using Fabricish.Orderer.Consensus;
using Fabricish.Orderer.Registrar;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fabricish.Orderer.Operations;

/// <summary>Healthy when every served channel's chain can order; otherwise names each channel that cannot.</summary>
internal sealed class ChainsHealthCheck(ChannelRegistrar registrar) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failed = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (ChannelSupport channel in registrar.Channels)
        {
            ChainStatus status = channel.Chain.Status;
            if (!status.IsAvailable)
            {
                failed[$"channel/{channel.ChannelId}"] = $"{status.Health}: {status.Reason}";
            }
        }

        return Task.FromResult(failed.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"{failed.Count} channel(s) cannot order", data: failed));
    }
}
