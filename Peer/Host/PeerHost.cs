using Fabricish.Hosting;
using Fabricish.Hosting.Http;
using Fabricish.Hosting.Rpc;
using Fabricish.Peer.Admin;
using Fabricish.Peer.Channels;
using Fabricish.Peer.Discovery;
using Fabricish.Peer.Endorsing;
using Fabricish.Peer.Events;
using Fabricish.Peer.Gateway;
using Fabricish.Peer.Lifecycle;
using Fabricish.Peer.Operations;
using Fabricish.Peer.PrivateData;
using Fabricish.Peer.SystemChaincode;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Fabricish.Peer.Host;

/// <summary>
/// Composes the peer node: Kestrel listening for gRPC (HTTP/2; TLS with <see cref="PeerOptions.Tls"/>) on <see cref="PeerOptions.ListenAddress"/>
/// and for the admin/operations HTTP API on <see cref="PeerOptions.OperationsListenAddress"/>; the joined channels
/// (ledgers, committers, deliver clients) as a hosted service; the admin channel API, /healthz and /metrics.
/// Configuration sources, last wins: appsettings.json, <c>FABRICISH_</c>-prefixed environment variables
/// (<c>FABRICISH_Peer__DataDir</c>), extra settings given by the caller, the command line (<c>--Peer:DataDir x</c> or
/// the switches in <see cref="Switches"/>). The endorsing (<c>Peer:Endorsing</c> section) and event services
/// share the channels and the local signer.
/// </summary>
internal static class PeerHost
{
    public const string HealthPath = "/healthz";
    public const string MetricsPath = "/metrics";

    public static IReadOnlyDictionary<string, string> Switches { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--listen"] = "Peer:ListenAddress",
        ["--operations-listen"] = "Peer:OperationsListenAddress",
        ["--data-dir"] = "Peer:DataDir",
        ["--msp-dir"] = "Peer:MspDir",
        ["--msp-id"] = "Peer:MspId",
        ["--couchdb"] = "Peer:CouchDbAddress",
        ["--state-db"] = "Peer:StateDatabase",
        ["--orderers"] = "Peer:OrdererEndpoints",
    };

    public static WebApplicationBuilder CreateBuilder(string[] args, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        WebApplicationBuilder builder = NodeHostBuilder.Create(args, settings, Switches);
        IServiceCollection services = builder.Services;
        services.AddValidatedOptions<PeerOptions, PeerOptionsValidator>().BindConfiguration(PeerOptions.Section);
        // Reading Value runs the validator, so bad addresses stop the host with the validator's messages.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<PeerOptions>>((kestrel, options) =>
            NodeHostBuilder.Listen(kestrel, options.Value.ListenAddress, options.Value.OperationsListenAddress, TlsServer(options.Value.Tls)));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<LocalMsp>();
        services.AddSingleton<PeerMetrics>();
        services.AddSingleton<PeerChannels>();
        services.AddSingleton<IPeerChannels>(sp => sp.GetRequiredService<PeerChannels>());
        services.AddHostedService(sp => sp.GetRequiredService<PeerChannels>());
        services.AddGrpcRefusingUnparsableRequests();
        services.AddOptions<GrpcServiceOptions>().Configure<IOptions<PeerOptions>>((grpc, options) =>
            NodeHostBuilder.LimitMessageSizes(grpc, options.Value.MaxRecvMsgSize, options.Value.MaxSendMsgSize));
        services.AddHealthChecks().AddCheck<CommitHealthCheck>("commit");

        // What the endorsing and event services share with the committing side: the channels and the local signer.
        services.AddSingleton(sp => sp.GetRequiredService<LocalMsp>().LoadedSigner());
        services.AddLifecycle();
        services.AddSystemChaincodes();
        services.AddEndorsing(builder.Configuration.GetSection(PeerOptions.Section + ":" + EndorsingOptions.Section));
        services.AddEvents();
        services.AddGateway(builder.Configuration.GetSection(PeerOptions.Section + ":" + GatewayOptions.Section));
        services.AddDiscovery(builder.Configuration.GetSection(PeerOptions.Section + ":" + DiscoveryOptions.Section));
        services.AddPrivateData();
        return builder;
    }

    private static NodeTlsServer? TlsServer(PeerTlsOptions tls) =>
        tls.Enabled ? NodeTlsServer.Load(tls.CertFile!, tls.KeyFile!, tls.ClientAuthRequired, tls.ClientRootCAs) : null;

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        WebApplication app = builder.Build();
        app.MapEndorsing();
        app.MapEvents();
        app.MapGateway();
        app.MapDiscovery();
        app.MapPrivateData();
        app.MapPeerAdmin();
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthzResponse.WriteAsync });
        app.MapGet(MetricsPath, (PeerChannels channels, PeerMetrics metrics) => Results.Text(MetricsText.Render(channels, metrics), MetricsText.ContentType));
        return app;
    }
}
