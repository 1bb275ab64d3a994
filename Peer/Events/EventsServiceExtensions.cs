using Fabricish.Hosting.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Fabricish.Peer.Events;

/// <summary>Wires the peer's event services into its host: the <c>protos.Deliver</c> gRPC service and the
/// commit-status waiter. The host registers <see cref="Channels.IPeerChannels"/>.</summary>
internal static class EventsServiceExtensions
{
    public static IServiceCollection AddEvents(this IServiceCollection services, Action<EventsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGrpcRefusingUnparsableRequests();
        OptionsBuilder<EventsOptions> options = services.AddOptions<EventsOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FilteredBlocks>();
        services.TryAddSingleton<DeliverHandler>();
        services.TryAddSingleton<CommitStatusWaiter>();
        services.TryAddSingleton<ICommitStatusWaiter>(provider => provider.GetRequiredService<CommitStatusWaiter>());
        return services;
    }

    public static GrpcServiceEndpointConventionBuilder MapEvents(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGrpcService<DeliverService>();
    }
}
