using Fabricish.Channels.Config;

namespace Fabricish.Peer.DeliverClient;

/// <summary>Where a channel's blocks come from, as Fabric v2's deliver client decides: the configured override if
/// any, else the per-organization orderer endpoints of the channel configuration, else its global (legacy)
/// orderer addresses. Read again for each connection, so a config block that moves the orderers is followed.</summary>
internal static class OrdererEndpoints
{
    public static IReadOnlyList<string> For(ChannelConfig config, IReadOnlyList<string> overrides)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(overrides);
        if (overrides.Count > 0)
        {
            return overrides;
        }

        string[] perOrganization = [.. config.Orderer.Organizations.SelectMany(o => o.Endpoints).Distinct(StringComparer.Ordinal)];
        return perOrganization.Length > 0 ? perOrganization : config.OrdererAddresses;
    }
}
