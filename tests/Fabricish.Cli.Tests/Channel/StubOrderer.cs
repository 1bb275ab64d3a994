using System.Net;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Testing.Infra;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fabricish.Cli.Tests.Channel;

/// <summary>Serves a <see cref="StubAtomicBroadcast"/> over HTTP/2 on a free 127.0.0.1 port.</summary>
internal sealed class StubOrderer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubOrderer(WebApplication app, StubOrdererLedger ledger, int port)
    {
        _app = app;
        Ledger = ledger;
        Address = $"127.0.0.1:{port}";
    }

    public StubOrdererLedger Ledger { get; }

    public string Address { get; }

    public static async Task<StubOrderer> StartAsync(Block genesis, SigningIdentity orderer)
    {
        int port = FreePorts.Take();
        var ledger = new StubOrdererLedger(genesis, orderer);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(ledger);
        WebApplication app = builder.Build();
        app.MapGrpcService<StubAtomicBroadcast>();
        await app.StartAsync();
        return new StubOrderer(app, ledger, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
