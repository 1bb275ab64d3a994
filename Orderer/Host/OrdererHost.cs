using Fabricish.Hosting;
using Fabricish.Hosting.Http;
using Fabricish.Hosting.Rpc;
using Fabricish.Orderer.Broadcast;
using Fabricish.Orderer.Consensus;
using Fabricish.Orderer.Deliver;
using Fabricish.Orderer.Kafka;
using Fabricish.Orderer.Operations;
using Fabricish.Orderer.Participation;
using Fabricish.Orderer.Registrar;
using Fabricish.Orderer.Services;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fabricish.Orderer.Host;

/// <summary>
/// Composes the orderer node: Kestrel listening for gRPC (HTTP/2; TLS with <see cref="OrdererOptions.Tls"/>) on <see cref="OrdererOptions.ListenAddress"/>
/// and for the admin/operations HTTP API on <see cref="OrdererOptions.AdminListenAddress"/> (mutual TLS with
/// <see cref="OrdererOptions.Admin"/>); the channel registrar as a
/// hosted service; AtomicBroadcast, channel participation, /healthz and /metrics. Configuration sources, last wins:
/// appsettings.json, <c>FABRICISH_</c>-prefixed environment variables (<c>FABRICISH_Orderer__DataDir</c>), extra
/// settings given by the caller, the command line (<c>--Orderer:DataDir x</c> or the switches in <see cref="Switches"/>).
/// </summary>
public static class OrdererHost
{
    public const string HealthPath = "/healthz";
    public const string MetricsPath = "/metrics";

    public static IReadOnlyDictionary<string, string> Switches { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--listen"] = "Orderer:ListenAddress",
        ["--admin-listen"] = "Orderer:AdminListenAddress",
        ["--data-dir"] = "Orderer:DataDir",
        ["--msp-dir"] = "Orderer:MspDir",
        ["--msp-id"] = "Orderer:MspId",
        ["--kafka-brokers"] = "Orderer:KafkaBootstrapServers",
        ["--kafka-protocol"] = "Orderer:KafkaProtocol",
    };

    /// <summary>A flag without a value, which configuration switches cannot express: a switch takes the next argument.</summary>
    public const string InsecureAdminFlag = "--insecure-admin";

    public static WebApplicationBuilder CreateBuilder(string[] args, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        string[] expanded = [.. args.Select(a => a == InsecureAdminFlag ? $"--{OrdererOptions.Section}:Admin:Insecure=true" : a)];
        WebApplicationBuilder builder = NodeHostBuilder.Create(expanded, settings, Switches);
        IServiceCollection services = builder.Services;
        services.AddValidatedOptions<OrdererOptions, OrdererOptionsValidator>().BindConfiguration(OrdererOptions.Section);
        // Reading Value runs the validator, so bad addresses stop the host with the validator's messages.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<OrdererOptions>, ILoggerFactory>((kestrel, options, loggers) =>
        {
            OrdererOptions orderer = options.Value;
            NodeHostBuilder.Listen(kestrel, orderer.ListenAddress, orderer.AdminListenAddress, TlsServer(orderer.Tls),
                orderer.Admin.Insecure ? null : TlsServer(orderer.Admin.Tls));
            if (orderer.Admin.Insecure)
            {
                // Opted into on purpose, but whoever reads the log later should see that anyone local could remove channels.
                OrdererLog.AdminInsecure(loggers.CreateLogger(typeof(OrdererHost).FullName!), orderer.AdminListenAddress);
            }
        });

        services.AddSingleton(TimeProvider.System);
        // The composition root: the one place that names the consensus implementation.
        services.AddSingleton<IConsenter>(sp => new KafkaConsenter(
            sp.GetRequiredService<IOptions<OrdererOptions>>().Value.ToConsenterOptions(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ChannelRegistrar>();
        services.AddHostedService(sp => sp.GetRequiredService<ChannelRegistrar>());
        services.AddSingleton<OrdererMetrics>();
        services.AddSingleton<PrometheusExporter>();
        services.AddSingleton<BroadcastStreamHandler>();
        services.AddSingleton<DeliverHandler>();
        services.AddGrpcRefusingUnparsableRequests();
        services.AddOptions<GrpcServiceOptions>().Configure<IOptions<OrdererOptions>>((grpc, options) =>
            NodeHostBuilder.LimitMessageSizes(grpc, options.Value.MaxRecvMsgSize, options.Value.MaxSendMsgSize));
        services.AddHealthChecks().AddCheck<ChainsHealthCheck>("chains");
        return builder;
    }

    private static NodeTlsServer? TlsServer(OrdererTlsOptions tls) =>
        tls.Enabled ? NodeTlsServer.Load(tls.CertFile!, tls.KeyFile!, tls.ClientAuthRequired, tls.ClientRootCAs) : null;

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        WebApplication app = builder.Build();

        // Created now so the exporter listens from the first measurement on.
        app.Services.GetRequiredService<PrometheusExporter>();
        app.MapGrpcService<AtomicBroadcastService>();
        app.MapChannelParticipation();
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthzResponse.WriteAsync });
        app.MapGet(MetricsPath, (PrometheusExporter exporter) => Results.Text(exporter.Render(), PrometheusExporter.ContentType));
        return app;
    }
}
