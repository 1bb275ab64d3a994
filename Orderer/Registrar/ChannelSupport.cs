using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Ledger;
using Fabricish.Orderer.Kafka;
using Fabricish.Orderer.MsgProcessor;

namespace Fabricish.Orderer.Registrar;

/// <summary>Everything the orderer holds for one channel it serves (Fabric's <c>ChainSupport</c>): the ledger, the
/// Kafka chain writing it, and the broadcast message processor, kept on the configuration the chain last wrote.</summary>
public sealed class ChannelSupport : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly StandardChannel _processor;
    private bool _disposed;

    /// <param name="signer">This orderer's identity, which signs the CONFIG envelopes of authorized config updates.</param>
    internal ChannelSupport(string directory, BlockStore store, KafkaChain chain, TimeProvider time, SigningIdentity signer)
    {
        Directory = directory;
        Store = store;
        Chain = chain;
        _processor = new StandardChannel(chain.Config, time, signer);
    }

    public string ChannelId => Chain.ChannelId;

    public string Directory { get; }

    public BlockStore Store { get; }

    public KafkaChain Chain { get; }

    public ChannelConfig Config => Chain.Config;

    public ulong Height => Store.Height;

    /// <summary>The processor, moved onto the newest configuration first so a config block's policies apply at once.</summary>
    public StandardChannel Processor
    {
        get
        {
            ChannelConfig current = Chain.Config;
            lock (_gate)
            {
                if (!ReferenceEquals(_processor.Config, current))
                {
                    _processor.Config = current;
                }

                return _processor;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        await Chain.HaltAsync().ConfigureAwait(false);

        // Disposing the store also ends every deliver stream waiting on it.
        Store.Dispose();
    }
}
