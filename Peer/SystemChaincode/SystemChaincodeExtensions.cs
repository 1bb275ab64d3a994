using Fabricish.Endorser.SystemChaincode;
using Microsoft.Extensions.DependencyInjection;

namespace Fabricish.Peer.SystemChaincode;

/// <summary>Registers Fabric's <c>qscc</c> and <c>cscc</c> with the endorser, and the JoinChain the operations
/// endpoint shares with cscc. Needs the local MSP admins the lifecycle registers.</summary>
internal static class SystemChaincodeExtensions
{
    public static IServiceCollection AddSystemChaincodes(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<ChannelJoiner>();
        services.AddSingleton<ISystemChaincode, QuerySystemChaincode>();
        services.AddSingleton<ISystemChaincode, ConfigSystemChaincode>();
        return services;
    }
}
