using Fabricish.Channels.Config;
using Fabricish.Protos.Common;

namespace Fabricish.Orderer.Blocks;

/// <summary>
/// The outcome of writing a block: the block as committed (with its signed metadata), and for a config block
/// the configuration it carries; or the reason it was not written.
/// </summary>
internal readonly record struct BlockWriteResult(Block? Block, ChannelConfig? Config, string? Error)
{
    public bool IsWritten => Block is not null;

    public static BlockWriteResult Written(Block block, ChannelConfig? config = null) => new(block, config, null);

    public static BlockWriteResult Refused(string error) => new(null, null, error);
}
