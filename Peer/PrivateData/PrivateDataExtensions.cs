using Fabricish.Channels.Msp;
using Fabricish.Endorser.PrivateData;
using Fabricish.Peer.Channels;
using Fabricish.Peer.Gateway;
using Fabricish.Peer.Host;
using Fabricish.Peer.Lifecycle;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fabricish.Peer.PrivateData;

/// <summary>Wires private data collections into the peer: the endorser's collection lookup and dissemination, the
/// committers' private data, and the peer-to-peer service.</summary>
internal static class PrivateDataExtensions
{
    public static IServiceCollection AddPrivateData(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp =>
        {
            GatewayOptions gateway = sp.GetRequiredService<IOptions<GatewayOptions>>().Value;
            PeerOptions peer = sp.GetRequiredService<IOptions<PeerOptions>>().Value;
            return new PrivateDataPeers(gateway, [.. new[] { gateway.ExternalEndpoint, peer.ListenAddress }.OfType<string>()], sp.GetRequiredService<PeerTlsClient>());
        });
        services.AddSingleton(sp => new PeerPrivateData(
            sp.GetRequiredService<IOptions<PeerOptions>>().Value,
            () => sp.GetRequiredService<LifecycleDefinitions>(),
            () => sp.GetRequiredService<IPeerChannels>(),
            () => sp.GetRequiredService<PrivateDataPeers>(),
            () => sp.GetRequiredService<SigningIdentity>(),
            sp.GetRequiredService<ILogger<PeerPrivateData>>()));
        services.AddSingleton<IPrivateDataSupport>(sp => sp.GetRequiredService<PeerPrivateData>());
        services.AddSingleton<IGatewayCollections>(sp => sp.GetRequiredService<PeerPrivateData>());
        services.AddHostedService<PrivateDataReconciler>();
        return services;
    }

    /// <summary>Serves <c>/fabricish.privdata.PrivateData/*</c>.</summary>
    public static IEndpointRouteBuilder MapPrivateData(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<PrivateDataService>();
        return endpoints;
    }
}
