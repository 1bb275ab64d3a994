using System.Security.Cryptography.X509Certificates;
using Fabricish.Testing.Servers;
using Grpc.Net.Client;

namespace Fabricish.Client.Tests;

/// <summary>Serves a <see cref="FakeGatewayService"/> over HTTP/2 on a free 127.0.0.1 port, with a client channel to it.</summary>
internal sealed class FakeGatewayServer : IAsyncDisposable
{
    private readonly LoopbackGrpcServer _server;

    private FakeGatewayServer(LoopbackGrpcServer server, FakeGatewayService service)
    {
        _server = server;
        Service = service;
    }

    public FakeGatewayService Service { get; }

    public string Address => _server.Address;

    public GrpcChannel Channel => _server.Channel;

    /// <param name="tlsCertificate">A server certificate with its private key: serve TLS with it.</param>
    public static async Task<FakeGatewayServer> StartAsync(X509Certificate2? tlsCertificate = null)
    {
        var service = new FakeGatewayService();
        return new FakeGatewayServer(await LoopbackGrpcServer.StartAsync(service, tlsCertificate), service);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
