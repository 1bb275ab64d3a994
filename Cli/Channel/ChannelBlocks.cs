using Fabricish.Channels.Blocks;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;

namespace Fabricish.Cli.Channel;

/// <summary>Single blocks of a channel read from an orderer as Fabric's peer CLI deliver client reads them: newest,
/// oldest, a number, or the last config block (the one the newest block's LAST_CONFIG metadata points at).</summary>
internal sealed class ChannelBlocks(OrdererClient orderer, SigningIdentity signer, string channelId, TimeSpan timeout)
{
    public Task<(Block? Block, string? Error)> NewestAsync(CancellationToken cancellationToken) =>
        SingleAsync(new SeekPosition { Newest = new SeekNewest() }, cancellationToken);

    public Task<(Block? Block, string? Error)> OldestAsync(CancellationToken cancellationToken) =>
        SingleAsync(new SeekPosition { Oldest = new SeekOldest() }, cancellationToken);

    public Task<(Block? Block, string? Error)> NumberAsync(ulong number, CancellationToken cancellationToken) =>
        SingleAsync(Specified(number), cancellationToken);

    public async Task<(Block? Block, string? Error)> ConfigAsync(CancellationToken cancellationToken)
    {
        (Block? newest, string? error) = await NewestAsync(cancellationToken).ConfigureAwait(false);
        if (newest is null)
        {
            return (null, error);
        }

        // The genesis block carries no LAST_CONFIG pointer of its own: it is the config block.
        ulong index = BlockMetadataReader.TryGetLastConfigIndex(newest) ?? 0;
        return index == newest.Header.Number ? (newest, null) : await NumberAsync(index, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Blocks from <paramref name="start"/> on as the orderer cuts them, until <paramref name="found"/>
    /// holds for one; null when the time-out passes first.</summary>
    public async Task<(Block? Block, string? Error)> WaitForAsync(ulong start, Func<Block, bool> found, CancellationToken cancellationToken)
    {
        var seek = new SeekInfo
        {
            Start = Specified(start),
            Stop = Specified(ulong.MaxValue),
            Behavior = SeekInfo.Types.SeekBehavior.BlockUntilReady,
        };
        DeliverOutcome outcome = await orderer.DeliverAsync(signer, channelId, seek, timeout, found, cancellationToken).ConfigureAwait(false);
        Block? match = outcome.Blocks.LastOrDefault(found);
        return match is not null ? (match, null) : (null, outcome.Error ?? $"the orderer ended the stream before the block was cut");
    }

    private async Task<(Block? Block, string? Error)> SingleAsync(SeekPosition position, CancellationToken cancellationToken)
    {
        var seek = new SeekInfo { Start = position, Stop = position, Behavior = SeekInfo.Types.SeekBehavior.FailIfNotReady };
        DeliverOutcome outcome = await orderer.DeliverAsync(signer, channelId, seek, timeout, null, cancellationToken).ConfigureAwait(false);
        if (!outcome.IsSuccess)
        {
            return (null, outcome.Error);
        }

        return outcome.Blocks.Count == 1
            ? (outcome.Blocks[0], null)
            : (null, $"the orderer sent {outcome.Blocks.Count} blocks for a single-block request");
    }

    private static SeekPosition Specified(ulong number) => new() { Specified = new SeekSpecified { Number = number } };
}
