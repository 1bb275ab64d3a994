using Fabricish.Channels.Blocks;
using Fabricish.Channels.Config;
using Fabricish.Ledger;
using Fabricish.Protos.Common;

namespace Fabricish.Peer.Channels;

/// <summary>The channel configuration a block store ends with, read from the config block its last block's metadata
/// points at (Fabric's peer does the same when it reopens a ledger).</summary>
internal static class LastConfigBlock
{
    public static ConfigResult<ChannelConfig> Read(BlockStore blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ulong height = blocks.Height;
        if (height == 0)
        {
            return ConfigResult<ChannelConfig>.Fail("the block store is empty: the channel was never joined");
        }

        Block last = blocks.GetBlock(height - 1) ?? throw new InvalidOperationException($"block {height - 1} is below the height but unreadable");

        // Blocks without the metadata (the genesis block) point at the genesis block.
        ulong index = BlockMetadataReader.TryGetLastConfigIndex(last) ?? 0;
        Block? config = index == last.Header.Number ? last : blocks.GetBlock(index);
        return config is null
            ? ConfigResult<ChannelConfig>.Fail($"the last config block {index} named by block {height - 1} is not in the block store")
            : ChannelConfig.FromBlock(config);
    }
}
