using Fabricish.Channels.Config;
using Fabricish.Orderer.Blocks;
using Fabricish.Orderer.Cutting;
using Fabricish.Orderer.MsgProcessor;
using Fabricish.Protos.Common;

namespace Fabricish.Orderer.Consensus;

/// <summary>
/// What a chain gets from the orderer for its channel (Fabric's <c>consensus.ConsenterSupport</c>): the ledger to
/// resume from and write to, the block cutter, and the message processor to re-validate messages whose config moved
/// on. Writing a config block puts its configuration in force for all of them at once, so a chain never swaps config.
/// Block creation and writing are for one thread, the chain's.
/// </summary>
internal interface IConsenterSupport
{
    string ChannelId { get; }

    /// <summary>The channel configuration in force after the last block written.</summary>
    ChannelConfig Config { get; }

    /// <summary>Blocks in the channel's ledger.</summary>
    ulong Height { get; }

    /// <summary>Cuts the ordered stream into batches by the current config's BatchSize.</summary>
    IBlockCutter BlockCutter { get; }

    /// <summary>Judges messages against the current config; the same processor broadcast uses.</summary>
    StandardChannel Processor { get; }

    Block? GetBlock(ulong number);

    /// <summary>The block after the last one created, holding <paramref name="messages"/>.</summary>
    Block CreateNextBlock(IReadOnlyList<Envelope> messages);

    /// <summary>Signs and commits a block of normal transactions, recording <paramref name="consenterMetadata"/>.</summary>
    BlockWriteResult WriteBlock(Block block, ReadOnlySpan<byte> consenterMetadata);

    /// <summary>Signs and commits a config block; once written, its configuration is in force.</summary>
    BlockWriteResult WriteConfigBlock(Block block, ReadOnlySpan<byte> consenterMetadata);
}
