using Fabricish.Channels.Blocks;
using Fabricish.Channels.Config;
using Fabricish.Protos.Common;

namespace Fabricish.Explorer.Ledger;

/// <summary>The channel's current configuration, as Fabric's <c>peer channel fetch config</c> finds it: the newest
/// block names its last config block, which is read by number.</summary>
public static class ConfigReader
{
    public static async Task<(Block Block, ChannelConfig Config)> ReadAsync(ExplorerConnection connection, string channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Block newest = await connection.ReadBlockAsync(channel, null, cancellationToken).ConfigureAwait(false);
        ulong number = BlockMetadataReader.TryGetLastConfigIndex(newest)
            ?? throw new InvalidOperationException($"block {newest.Header.Number} of {channel} names no last config block");
        Block block = number == newest.Header.Number ? newest : await connection.ReadBlockAsync(channel, number, cancellationToken).ConfigureAwait(false);
        ConfigResult<ChannelConfig> config = ChannelConfig.FromBlock(block);
        return config.IsOk
            ? (block, config.Value!)
            : throw new InvalidOperationException($"config block {number} of {channel} cannot be read: {config.Error}");
    }
}
