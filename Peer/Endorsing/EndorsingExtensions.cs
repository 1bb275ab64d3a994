using Fabricish.Channels.Msp;
using Fabricish.Endorser;
using Fabricish.Endorser.Chaincode;
using Fabricish.Endorser.PrivateData;
using Fabricish.Endorser.SystemChaincode;
using Fabricish.Hosting;
using Fabricish.Hosting.Rpc;
using Fabricish.Peer.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fabricish.Peer.Endorsing;

/// <summary>Wires the endorsing peer into the host. The host registers what the endorser shares with the rest of the
/// peer: <see cref="IPeerChannels"/> (the joined channels) and the peer's local <see cref="SigningIdentity"/>.</summary>
public static class EndorsingExtensions
{
    /// <summary>The endorser with its options bound from <paramref name="endorsingSection"/> (an
    /// <see cref="EndorsingOptions"/> shape, e.g. the <c>Endorsing</c> section).</summary>
    public static IServiceCollection AddEndorsing(this IServiceCollection services, IConfiguration endorsingSection)
    {
        ArgumentNullException.ThrowIfNull(endorsingSection);
        services.AddOptions<EndorsingOptions>().Bind(endorsingSection);
        return AddEndorsingCore(services);
    }

    /// <summary>The endorser with its options set in code.</summary>
    public static IServiceCollection AddEndorsing(this IServiceCollection services, Action<EndorsingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<EndorsingOptions>().Configure(configure);
        return AddEndorsingCore(services);
    }

    /// <summary>Serves <c>/protos.Endorser/ProcessProposal</c>.</summary>
    public static GrpcServiceEndpointConventionBuilder MapEndorsing(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGrpcService<EndorserService>();

    private static IServiceCollection AddEndorsingCore(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGrpcRefusingUnparsableRequests();
        services.AddValidatedOptions<EndorsingOptions, EndorsingOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IChaincodeRegistry>(sp => new ConfiguredChaincodeRegistry(sp.GetRequiredService<IOptions<EndorsingOptions>>().Value.Chaincodes));
        services.TryAddSingleton<IEndorserChannels>(sp => new PeerEndorserChannels(sp.GetRequiredService<IPeerChannels>()));
        services.TryAddSingleton(sp => new ChaincodeSupport(
            sp.GetRequiredService<IChaincodeRegistry>(),
            sp.GetRequiredService<IOptions<EndorsingOptions>>().Value.ToSupportOptions(),
            sp.GetRequiredService<ILogger<ChaincodeSupport>>()));
        services.TryAddSingleton(sp => new Endorser.Endorser(
            sp.GetRequiredService<IEndorserChannels>(),
            sp.GetRequiredService<IChaincodeRegistry>(),
            sp.GetRequiredService<ChaincodeSupport>(),
            sp.GetRequiredService<SigningIdentity>(),
            sp.GetRequiredService<IOptions<EndorsingOptions>>().Value.ToValidatorOptions(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<Endorser.Endorser>>(),
            sp.GetServices<ISystemChaincode>(),
            sp.GetService<ILocalMspAdmins>(),
            sp.GetService<IPrivateDataSupport>()));

        // Stateless: one instance for every call instead of one built by reflection per proposal (ActivatorUtilities).
        services.TryAddSingleton<EndorserService>();
        return services;
    }
}
