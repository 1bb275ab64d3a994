using Fabricish.Orderer.Host;
using Fabricish.Peer.Host;
using Fabricish.Testing.Infra;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Tests.Tls;

/// <summary>An orderer or peer host in the test process on free loopback ports with the settings given (TLS among
/// them), started and stopped with the test fixture.</summary>
internal sealed class TlsNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TlsNode(WebApplication app, int grpcPort, int adminPort)
    {
        _app = app;
        GrpcPort = grpcPort;
        AdminPort = adminPort;
    }

    public int GrpcPort { get; }

    public int AdminPort { get; }

    /// <summary>host:port of the gRPC listener.</summary>
    public string Endpoint => $"127.0.0.1:{GrpcPort}";

    public IServiceProvider Services => _app.Services;

    public static Task<TlsNode> StartOrdererAsync(Dictionary<string, string?> settings) =>
        StartAsync(settings, "Orderer:ListenAddress", "Orderer:AdminListenAddress", s => OrdererHost.Build(Quiet(OrdererHost.CreateBuilder([], s))));

    public static Task<TlsNode> StartPeerAsync(Dictionary<string, string?> settings) =>
        StartAsync(settings, "Peer:ListenAddress", "Peer:OperationsListenAddress", s => PeerHost.Build(Quiet(PeerHost.CreateBuilder([], s))));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static WebApplicationBuilder Quiet(WebApplicationBuilder builder)
    {
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        return builder;
    }

    private static async Task<TlsNode> StartAsync(
        Dictionary<string, string?> settings, string listen, string adminListen, Func<Dictionary<string, string?>, WebApplication> build)
    {
        int[] ports = FreePorts.Take(2);
        settings[listen] = $"127.0.0.1:{ports[0]}";
        settings[adminListen] = $"127.0.0.1:{ports[1]}";
        WebApplication app = build(settings);
        await app.StartAsync();
        return new TlsNode(app, ports[0], ports[1]);
    }
}
