using Fabricish.Explorer.Hosting;
using Fabricish.Protos.Common;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fabricish.Explorer.Ledger;

/// <summary>Keeps every channel's <see cref="ChannelIndex"/> current: one Deliver stream per channel on the profile's
/// peer, opened at the index's capacity below the newest block and followed as blocks commit; a broken stream is
/// reopened after the last block it delivered.</summary>
public sealed class ChannelFollower(ChannelIndexes indexes, ExplorerConnection connection, ILogger<ChannelFollower> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(indexes.All.Select(index => FollowAsync(index, stoppingToken)));

    private async Task FollowAsync(ChannelIndex index, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                Block newest = await connection.ReadBlockAsync(index.ChannelId, null, cancellationToken).ConfigureAwait(false);
                ulong newestNumber = newest.Header.Number;
                ulong start = index.Height > 0 ? index.Height : newestNumber + 1 > (ulong)index.Capacity ? newestNumber + 1 - (ulong)index.Capacity : 0;
                ExplorerLog.Following(logger, index.ChannelId, start, newestNumber);
                index.CaughtUp = start > newestNumber;
                await foreach (Block block in DeliverReader.ReadAsync(connection.Peer, orderer: false, connection.Identity, index.ChannelId,
                    DeliverReader.At(start), DeliverReader.At(ulong.MaxValue), follow: true, cancellationToken).ConfigureAwait(false))
                {
                    index.Add(block);
                    index.LastError = null;
                    if (block.Header.Number >= newestNumber)
                    {
                        index.CaughtUp = true;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RpcException or DeliverRefusedException or IOException or HttpRequestException)
            {
                index.LastError = e is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : e.Message;
                ExplorerLog.FollowFailed(logger, index.ChannelId, index.LastError);
            }

            await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
        }
    }
}
