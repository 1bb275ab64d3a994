using System.Net;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fabricish.Testing.Servers;

/// <summary>gRPC services hosted in the test process over HTTP/2 on a loopback port the kernel picks (TLS when given a
/// certificate), with a client channel to them: a stand-in for another node, or a node's real services wired as its
/// host wires them.</summary>
public sealed class LoopbackGrpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackGrpcServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = $"{address.Host}:{address.Port}";
        Channel = GrpcChannel.ForAddress(address);
    }

    /// <summary>host:port of the listener.</summary>
    public string Address { get; }

    public GrpcChannel Channel { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Serves <paramref name="service"/>, one instance for every call.</summary>
    public static Task<LoopbackGrpcServer> StartAsync<TService>(TService service, X509Certificate2? tlsCertificate = null)
        where TService : class =>
        StartAsync(builder => builder.Services.AddSingleton(service), app => app.MapGrpcService<TService>(), tlsCertificate);

    /// <param name="configure">Registers the services (and settings) before the host is built.</param>
    /// <param name="map">Maps the gRPC services on the built host.</param>
    public static async Task<LoopbackGrpcServer> StartAsync(
        Action<WebApplicationBuilder> configure, Action<WebApplication> map, X509Certificate2? tlsCertificate = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(map);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (tlsCertificate is not null)
            {
                listen.UseHttps(tlsCertificate);
            }
        }));
        builder.Services.AddGrpc();
        configure(builder);
        WebApplication app = builder.Build();
        map(app);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackGrpcServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
