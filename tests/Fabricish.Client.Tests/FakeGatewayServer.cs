using System.Net;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Testing.Infra;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fabricish.Client.Tests;

/// <summary>Serves a <see cref="FakeGatewayService"/> over HTTP/2 on a free 127.0.0.1 port, with a client channel to it.</summary>
internal sealed class FakeGatewayServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeGatewayServer(WebApplication app, FakeGatewayService service, int port, bool tls)
    {
        _app = app;
        Service = service;
        Address = $"127.0.0.1:{port}";
        Channel = GrpcChannel.ForAddress($"{(tls ? "https" : "http")}://{Address}");
    }

    public FakeGatewayService Service { get; }

    public string Address { get; }

    public GrpcChannel Channel { get; }

    /// <param name="tlsCertificate">A server certificate with its private key: serve TLS with it.</param>
    public static async Task<FakeGatewayServer> StartAsync(X509Certificate2? tlsCertificate = null)
    {
        int port = FreePorts.Take();
        var service = new FakeGatewayService();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (tlsCertificate is not null)
            {
                listen.UseHttps(tlsCertificate);
            }
        }));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(service);
        WebApplication app = builder.Build();
        app.MapGrpcService<FakeGatewayService>();
        await app.StartAsync();
        return new FakeGatewayServer(app, service, port, tlsCertificate is not null);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
