using Fabricish.Channels.Msp;
using Fabricish.Ledger;
using Fabricish.Orderer.Kafka;
using Fabricish.Protos.Common;

namespace Fabricish.Orderer.Tests.Kafka;

/// <summary>One orderer node of a test channel: its own ledger folder and signing identity, and a Kafka chain over them.</summary>
internal sealed class KafkaTestNode : IAsyncDisposable
{
    private bool _stopped;

    public KafkaTestNode(string directory, Block genesis, SigningIdentity signer, KafkaConsenter consenter)
    {
        Store = BlockStore.Open(directory);
        if (Store.Height == 0)
        {
            Assert.True(Store.Append(genesis).Accepted);
        }

        KafkaChain? chain = consenter.TryHandleChain(Store, signer, out string? error);
        Assert.True(chain is not null, error);
        Chain = chain;
    }

    public BlockStore Store { get; }

    public KafkaChain Chain { get; }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await Chain.HaltAsync();
        Store.Dispose();
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
