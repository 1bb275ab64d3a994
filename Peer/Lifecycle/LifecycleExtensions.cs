using Fabricish.Committer;
using Fabricish.Committer.Validation;
using Fabricish.Endorser.Chaincode;
using Fabricish.Endorser.SystemChaincode;
using Fabricish.Peer.Channels;
using Fabricish.Peer.Endorsing;
using Fabricish.Peer.Gateway;
using Fabricish.Peer.Host;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fabricish.Peer.Lifecycle;

/// <summary>Wires the chaincode lifecycle into the peer: the <c>_lifecycle</c> system chaincode, the installed
/// packages under <c>&lt;DataDir&gt;/lifecycle/chaincodes</c>, and the committed definitions as the primary source of the
/// endorser's chaincodes (falling back to the configured dev-mode table for chaincodes the lifecycle does not define),
/// and the only source of the committer's endorsement policies and the gateway's policy lookup. Call before the
/// endorsing, channel and gateway registrations, which only add their configured defaults when nothing is
/// registered.</summary>
internal static class LifecycleExtensions
{
    public static IServiceCollection AddLifecycle(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => new InstalledChaincodes(
            Path.Combine(sp.GetRequiredService<IOptions<PeerOptions>>().Value.DataDir, "lifecycle", "chaincodes")));
        services.AddSingleton(sp => new LifecycleDefinitions(
            () => sp.GetRequiredService<IPeerChannels>(),
            sp.GetRequiredService<IOptions<PeerOptions>>().Value.MspId,
            sp.GetRequiredService<ILogger<LifecycleDefinitions>>()));
        services.AddSingleton<IStateListener>(sp => sp.GetRequiredService<LifecycleDefinitions>());
        services.AddSingleton<ILocalMspAdmins, LocalMspAdmins>();
        services.AddSingleton<ISystemChaincode, LifecycleSystemChaincode>();
        services.AddSingleton<IChaincodeRegistry>(sp => new LifecycleChaincodeRegistry(
            sp.GetRequiredService<LifecycleDefinitions>(),
            sp.GetRequiredService<InstalledChaincodes>(),
            new ConfiguredChaincodeRegistry(sp.GetRequiredService<IOptions<EndorsingOptions>>().Value.Chaincodes)));
        services.AddSingleton<IEndorsementPolicyProvider>(sp => new LifecycleEndorsementPolicies(sp.GetRequiredService<LifecycleDefinitions>()));
        services.AddSingleton<IEndorsementPolicyLookup>(sp => new LifecycleEndorsementPolicyLookup(sp.GetRequiredService<LifecycleDefinitions>()));
        services.AddHostedService<ChaincodeIndexDeployer>();
        return services;
    }
}
