using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Testing.Servers;

namespace Fabricish.Cli.Tests.Channel;

/// <summary>Serves a <see cref="StubAtomicBroadcast"/> over HTTP/2 on a free 127.0.0.1 port.</summary>
internal sealed class StubOrderer : IAsyncDisposable
{
    private readonly LoopbackGrpcServer _server;

    private StubOrderer(LoopbackGrpcServer server, StubOrdererLedger ledger)
    {
        _server = server;
        Ledger = ledger;
    }

    public StubOrdererLedger Ledger { get; }

    public string Address => _server.Address;

    public static async Task<StubOrderer> StartAsync(Block genesis, SigningIdentity orderer)
    {
        var ledger = new StubOrdererLedger(genesis, orderer);
        return new StubOrderer(await LoopbackGrpcServer.StartAsync(new StubAtomicBroadcast(ledger)), ledger);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
