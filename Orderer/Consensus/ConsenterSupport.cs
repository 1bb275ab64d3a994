using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Ledger;
using Fabricish.Orderer.Blocks;
using Fabricish.Orderer.Cutting;
using Fabricish.Orderer.MsgProcessor;
using Fabricish.Protos.Common;

namespace Fabricish.Orderer.Consensus;

/// <summary>
/// A channel's ledger as its chain writes it: the <see cref="BlockWriter"/> over the channel's store, the block cutter
/// and the message processor, the last two moved onto a config block's configuration right after the block is written —
/// the one place config changes — so every orderer applies it at the same point of the ordered stream, and broadcast,
/// which shares the processor, judges the next message by it.
/// </summary>
internal sealed class ConsenterSupport : IConsenterSupport
{
    private readonly BlockWriter _writer;
    private readonly BlockCutter _cutter;

    private ConsenterSupport(BlockStore store, BlockWriter writer, TimeProvider time)
    {
        Store = store;
        _writer = writer;
        _cutter = new BlockCutter(writer.Config.Orderer.BatchSize);
        Processor = new StandardChannel(writer.Config, time, writer.Signer);
    }

    public string ChannelId => _writer.Config.ChannelId;

    public BlockStore Store { get; }

    public ChannelConfig Config => _writer.Config;

    public ulong Height => _writer.Height;

    public IBlockCutter BlockCutter => _cutter;

    public StandardChannel Processor { get; }

    /// <summary>
    /// Resumes the channel held by <paramref name="store"/>, which must hold at least its genesis block; null with
    /// <paramref name="error"/> when its last config block cannot be found or read.
    /// </summary>
    /// <param name="signer">This orderer's identity: it signs blocks and the CONFIG envelopes of authorized updates.</param>
    /// <param name="time">The clock for certificates and batch timers; the system clock when null.</param>
    public static ConsenterSupport? TryOpen(BlockStore store, SigningIdentity signer, out string? error, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(signer);
        time ??= TimeProvider.System;
        BlockWriter? writer = BlockWriter.TryOpen(store, signer, out error, time);
        return writer is null ? null : new ConsenterSupport(store, writer, time);
    }

    public Block? GetBlock(ulong number) => Store.GetBlock(number);

    public Block CreateNextBlock(IReadOnlyList<Envelope> messages) => _writer.CreateNextBlock(messages);

    public BlockWriteResult WriteBlock(Block block, ReadOnlySpan<byte> consenterMetadata) => _writer.WriteBlock(block, consenterMetadata);

    public BlockWriteResult WriteConfigBlock(Block block, ReadOnlySpan<byte> consenterMetadata)
    {
        BlockWriteResult written = _writer.WriteConfigBlock(block, consenterMetadata);
        if (written.IsWritten)
        {
            ApplyConfig(_writer.Config);
        }

        return written;
    }

    private void ApplyConfig(ChannelConfig config)
    {
        _cutter.BatchSize = config.Orderer.BatchSize;
        Processor.Config = config;
    }
}
