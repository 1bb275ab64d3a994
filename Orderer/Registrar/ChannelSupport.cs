using Fabricish.Channels.Config;
using Fabricish.Ledger;
using Fabricish.Orderer.Consensus;
using Fabricish.Orderer.MsgProcessor;

namespace Fabricish.Orderer.Registrar;

/// <summary>Everything the orderer holds for one channel it serves (Fabric's <c>ChainSupport</c>): the ledger with its
/// consenter support, the chain writing it, and the broadcast message processor, which the support moves onto each
/// config block's configuration as the chain writes it.</summary>
internal sealed class ChannelSupport : IAsyncDisposable
{
    private readonly ConsenterSupport _support;
    private int _disposed;

    internal ChannelSupport(string directory, ConsenterSupport support, IChain chain)
    {
        Directory = directory;
        _support = support;
        Chain = chain;
    }

    public string ChannelId => Chain.ChannelId;

    public string Directory { get; }

    public BlockStore Store => _support.Store;

    public IChain Chain { get; }

    public ChannelConfig Config => _support.Config;

    public ulong Height => Store.Height;

    public StandardChannel Processor => _support.Processor;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Chain.HaltAsync().ConfigureAwait(false);

        // Disposing the store also ends every deliver stream waiting on it.
        Store.Dispose();
    }
}
