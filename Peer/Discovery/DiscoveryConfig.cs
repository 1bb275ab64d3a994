using System.Globalization;
using System.Runtime.CompilerServices;
using Fabricish.Channels.Config;
using Fabricish.Protos.Discovery;
using Fabricish.Protos.Msp;
using Google.Protobuf;
using Endpoint = Fabricish.Protos.Discovery.Endpoint;

namespace Fabricish.Peer.Discovery;

/// <summary>A config query's answer (Fabric's discovery config support): every Fabric MSP of the channel's orderer and
/// application organisations, and each orderer organisation's endpoints: its own (per-organisation Endpoints) when
/// any organisation has some, else the channel's global OrdererAddresses for every orderer organisation. Computed
/// once per configuration.</summary>
internal static class DiscoveryConfig
{
    private const int FabricMspType = 0;

    private static readonly ConditionalWeakTable<ChannelConfig, ConfigResult> Results = [];

    public static ConfigResult For(ChannelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Results.GetValue(config, Compute);
    }

    private static ConfigResult Compute(ChannelConfig config)
    {
        var result = new ConfigResult();
        IEnumerable<MSPConfig> msps = config.Orderer.Organizations.Select(o => o.Msp)
            .Concat(config.Application?.Organizations.Select(o => o.Msp) ?? []);
        foreach (MSPConfig msp in msps)
        {
            if (FabricConfig(msp) is { } fabric)
            {
                result.Msps[fabric.Name] = fabric;
            }
        }

        bool perOrg = config.Orderer.Organizations.Any(o => o.Endpoints.Count > 0);
        foreach (OrdererOrgConfig org in config.Orderer.Organizations)
        {
            if (FabricConfig(org.Msp) is not { } fabric)
            {
                continue;
            }

            var endpoints = new Endpoints();
            foreach (string address in perOrg ? org.Endpoints : config.OrdererAddresses)
            {
                if (Endpoint(address) is { } endpoint)
                {
                    endpoints.Endpoint.Add(endpoint);
                }
            }

            result.Orderers[fabric.Name] = endpoints;
        }

        return result;
    }

    private static FabricMSPConfig? FabricConfig(MSPConfig msp)
    {
        if (msp.Type != FabricMspType)
        {
            return null;
        }

        try
        {
            return FabricMSPConfig.Parser.ParseFrom(msp.Config);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    /// <summary>host:port as Fabric splits it; unparsable addresses are skipped, as Fabric does per organisation.</summary>
    private static Endpoint? Endpoint(string address)
    {
        int colon = address.LastIndexOf(':');
        return colon > 0 && uint.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out uint port) && port <= 65535
            ? new Endpoint { Host = address[..colon].Trim('[', ']'), Port = port }
            : null;
    }
}
