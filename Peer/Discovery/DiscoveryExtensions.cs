using Fabricish.Channels.Msp;
using Fabricish.Endorser.Chaincode;
using Fabricish.Endorser.SystemChaincode;
using Fabricish.Hosting;
using Fabricish.Peer.Channels;
using Fabricish.Peer.Endorsing;
using Fabricish.Peer.Gateway;
using Fabricish.Peer.Host;
using Fabricish.Peer.Lifecycle;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fabricish.Peer.Discovery;

/// <summary>Wires Fabric's discovery service and the membership probes it answers from into the peer host. Uses what
/// the gateway registers (its peer directory and connections, the endorsement policy lookup) and the lifecycle's
/// definitions: call after <c>AddGateway</c>.</summary>
internal static class DiscoveryExtensions
{
    /// <param name="discoverySection">The <c>Peer:Discovery</c> section (<see cref="DiscoveryOptions"/>).</param>
    public static IServiceCollection AddDiscovery(this IServiceCollection services, IConfiguration discoverySection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(discoverySection);
        services.AddValidatedOptions<DiscoveryOptions, DiscoveryOptionsValidator>().Bind(discoverySection);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<DiscoveryOptions>>().Value);
        services.TryAddSingleton(sp => new LocalChaincodes(
            sp.GetRequiredService<LifecycleDefinitions>(), sp.GetRequiredService<IChaincodeRegistry>(), sp.GetRequiredService<IOptions<EndorsingOptions>>().Value));
        services.TryAddSingleton(sp => new LocalPeer(
            sp.GetRequiredService<SigningIdentity>(),
            sp.GetRequiredService<EndorserDirectory>().Local.Address,
            sp.GetRequiredService<IPeerChannels>(),
            sp.GetRequiredService<LocalChaincodes>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new ChannelMembership(
            sp.GetRequiredService<IPeerChannels>(),
            sp.GetRequiredService<EndorserDirectory>(),
            sp.GetRequiredService<PeerTlsClient>(),
            sp.GetRequiredService<SigningIdentity>(),
            sp.GetRequiredService<DiscoveryOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ChannelMembership>>()));
        services.AddHostedService(sp => sp.GetRequiredService<ChannelMembership>());
        services.TryAddSingleton(sp => new DiscoveryAccess(
            sp.GetRequiredService<IPeerChannels>(), sp.GetRequiredService<ILocalMspAdmins>(), sp.GetRequiredService<DiscoveryOptions>()));
        services.TryAddSingleton(sp => new DiscoveryAuthCache(sp.GetRequiredService<DiscoveryOptions>(), sp.GetRequiredService<DiscoveryAccess>()));
        services.TryAddSingleton(sp => new DiscoveryEndorsers(sp.GetRequiredService<IEndorsementPolicyLookup>(), sp.GetService<IGatewayCollections>()));
        services.TryAddSingleton(sp => new DiscoveryService(
            sp.GetRequiredService<IPeerChannels>(),
            sp.GetRequiredService<DiscoveryAuthCache>(),
            sp.GetRequiredService<LocalPeer>(),
            sp.GetRequiredService<ChannelMembership>(),
            sp.GetRequiredService<DiscoveryEndorsers>(),
            DiscoveryTlsOf(sp.GetRequiredService<IOptions<PeerOptions>>().Value.Tls),
            sp.GetRequiredService<ILogger<DiscoveryService>>()));
        services.TryAddSingleton(sp => new PeerMembershipService(sp.GetRequiredService<IPeerChannels>(), sp.GetRequiredService<LocalPeer>()));
        return services;
    }

    private static DiscoveryTls DiscoveryTlsOf(PeerTlsOptions tls) =>
        !tls.Enabled ? DiscoveryTls.None : tls.ClientAuthRequired ? DiscoveryTls.MutualTls : DiscoveryTls.ServerTls;

    /// <summary>Serves <c>/discovery.Discovery/Discover</c> unless <see cref="DiscoveryOptions.Enabled"/> is off, and
    /// always the membership probes other peers' discovery relies on.</summary>
    public static IEndpointRouteBuilder MapDiscovery(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetRequiredService<DiscoveryOptions>().Enabled)
        {
            endpoints.MapGrpcService<DiscoveryService>();
        }

        endpoints.MapGrpcService<PeerMembershipService>();
        return endpoints;
    }
}
