using Fabricish.Channels.Msp;
using Fabricish.Endorser.Chaincode;
using Fabricish.Endorser.SystemChaincode;
using Fabricish.Hosting;
using Fabricish.Hosting.Rpc;
using Fabricish.Peer.Channels;
using Fabricish.Peer.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fabricish.Peer.Gateway;

/// <summary>Wires Fabric's gateway service into the peer host. It uses what the endorsing and event services register
/// (the endorser, the chaincode registry, the commit-status waiter) and the joined channels.</summary>
internal static class GatewayExtensions
{
    /// <param name="gatewaySection">The <c>Peer:Gateway</c> section (<see cref="GatewayOptions"/>).</param>
    public static IServiceCollection AddGateway(this IServiceCollection services, IConfiguration gatewaySection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(gatewaySection);
        services.AddValidatedOptions<GatewayOptions, GatewayOptionsValidator>().Bind(gatewaySection);
        services.AddOptions<PeerOptions>();
        services.AddGrpcRefusingUnparsableRequests();

        // IEndorsementPolicyLookup comes from the lifecycle (chaincode definitions), registered before the gateway.
        services.TryAddSingleton<ILocalEndorser>(sp => new InProcessEndorser(
            sp.GetRequiredService<Endorser.Endorser>(), sp.GetRequiredService<IChaincodeRegistry>(), sp.GetRequiredService<SigningIdentity>(),
            sp.GetServices<ISystemChaincode>().Select(c => c.Name).ToHashSet(StringComparer.Ordinal)));
        services.TryAddSingleton(sp =>
        {
            IPeerChannels channels = sp.GetRequiredService<IPeerChannels>();
            return new PeerTlsClient(sp.GetRequiredService<IOptions<PeerOptions>>().Value.Tls, () => ChannelConfigs(channels));
        });
        services.TryAddSingleton(sp =>
        {
            GatewayOptions options = sp.GetRequiredService<IOptions<GatewayOptions>>().Value;
            PeerOptions peer = sp.GetRequiredService<IOptions<PeerOptions>>().Value;
            string[] self = [.. new[] { options.ExternalEndpoint, peer.ListenAddress }.OfType<string>()];
            return new EndorserDirectory(sp.GetRequiredService<ILocalEndorser>(), options, self, sp.GetRequiredService<PeerTlsClient>());
        });
        services.TryAddSingleton(sp => new OrdererBroadcaster(
            sp.GetRequiredService<IOptions<GatewayOptions>>().Value, sp.GetRequiredService<PeerTlsClient>(), sp.GetRequiredService<ILogger<GatewayService>>()));
        services.TryAddSingleton(sp => new GatewayEvaluation(
            sp.GetRequiredService<IPeerChannels>(),
            sp.GetRequiredService<EndorserDirectory>(),
            sp.GetRequiredService<IEndorsementPolicyLookup>(),
            sp.GetRequiredService<IOptions<GatewayOptions>>().Value,
            sp.GetRequiredService<ILogger<GatewayService>>()));
        services.TryAddSingleton(sp => new GatewayEndorsement(
            sp.GetRequiredService<IPeerChannels>(),
            sp.GetRequiredService<EndorserDirectory>(),
            sp.GetRequiredService<IEndorsementPolicyLookup>(),
            sp.GetRequiredService<IOptions<GatewayOptions>>().Value,
            sp.GetRequiredService<ILogger<GatewayService>>(),
            sp.GetService<IGatewayCollections>()));
        services.TryAddSingleton(sp => new GatewaySubmission(
            sp.GetRequiredService<IPeerChannels>(),
            sp.GetRequiredService<OrdererBroadcaster>(),
            sp.GetRequiredService<IOptions<PeerOptions>>().Value.OrdererEndpointOverrides));

        // Stateless: one instance for every call. Unregistered, gRPC builds the service per call by reflection
        // (ActivatorUtilities), about 2 % of a peer's CPU under the bench.
        services.TryAddSingleton<GatewayService>();
        return services;
    }

    /// <summary>The joined channels' configurations, whose organizations' TLS CAs the gateway's connections trust.</summary>
    private static IEnumerable<Fabricish.Channels.Config.ChannelConfig> ChannelConfigs(IPeerChannels channels)
    {
        foreach (string channelId in channels.ChannelIds)
        {
            if (channels.TryGet(channelId, out IPeerLedger? ledger))
            {
                yield return ledger.Config;
            }
        }
    }

    /// <summary>Serves <c>/gateway.Gateway/*</c> unless <see cref="GatewayOptions.Enabled"/> is off.</summary>
    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<GatewayOptions>>().Value.Enabled)
        {
            endpoints.MapGrpcService<GatewayService>();
        }

        return endpoints;
    }
}
