using Fabricish.Testing;
using Fabricish.Testing.Infra;

namespace Fabricish.Peer.Tests.Committing.Support;

/// <summary>What the committing-peer tests of a class share: the network's CAs and identities, one in-memory CouchDB
/// per reference peer (channels keep tests apart) and one orderer node, started on first use.</summary>
public sealed class PeerNetworkFixture : IAsyncLifetime
{
    private readonly ScratchDirectory _scratch = new("peer-network");
    private readonly SemaphoreSlim _ordererGate = new(1, 1);
    private InProcessOrderer? _orderer;

    internal TestNetwork Network { get; } = new(adjust: SampleChannel.SmallBlocksQuickly);

    internal PouchDbServer CouchDbA { get; private set; } = null!;

    internal PouchDbServer CouchDbB { get; private set; } = null!;

    internal string Scratch => _scratch.FullPath;

    public async Task InitializeAsync()
    {
        CouchDbA = await PouchDbServer.StartAsync();
        CouchDbB = await PouchDbServer.StartAsync();
    }

    internal async Task<InProcessOrderer> OrdererAsync(KafkaCluster cluster)
    {
        await _ordererGate.WaitAsync();
        try
        {
            return _orderer ??= await InProcessOrderer.StartAsync(Path.Combine(Scratch, "orderer"), Network.Orderer, cluster.BootstrapServers);
        }
        finally
        {
            _ordererGate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (_orderer is not null)
        {
            await _orderer.DisposeAsync();
        }

        await CouchDbA.DisposeAsync();
        await CouchDbB.DisposeAsync();
        Network.Dispose();
        _ordererGate.Dispose();
        _scratch.Dispose();
    }
}
