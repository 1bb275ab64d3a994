using Fabricish.Channels.Deliver;
using Fabricish.Channels.Policies;
using Fabricish.Orderer.Host;
using Fabricish.Orderer.Consensus;
using Fabricish.Orderer.MsgProcessor;
using Fabricish.Orderer.Operations;
using Fabricish.Orderer.Registrar;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Google.Protobuf;
using Grpc.Core;
using Status = Fabricish.Protos.Common.Status;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fabricish.Orderer.Deliver;

/// <summary>
/// One Deliver stream, with Fabric's semantics (<c>common/deliver</c>): each DELIVER_SEEK_INFO envelope must carry a
/// timestamp within the time window and be signed by an identity satisfying the channel's <c>/Channel/Readers</c>
/// (re-checked whenever the configuration changes); blocks from start to stop are sent, waiting for new ones under
/// BLOCK_UNTIL_READY and answering NOT_FOUND beyond the height under FAIL_IF_NOT_READY; then a SUCCESS status, and
/// the next request is read. Any other status ends the stream.
/// </summary>
internal sealed class DeliverHandler
{
    private static readonly TimeSpan ErrorWatchInterval = TimeSpan.FromMilliseconds(500);

    private readonly ChannelRegistrar _registrar;
    private readonly OrdererMetrics _metrics;
    private readonly TimeSpan _timeWindow;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public DeliverHandler(ChannelRegistrar registrar, OrdererMetrics metrics, IOptions<OrdererOptions> options, ILogger<DeliverHandler> logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _registrar = registrar;
        _metrics = metrics;
        _timeWindow = options.Value.DeliverTimeWindow;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    public async Task HandleAsync(IAsyncStreamReader<Envelope> requests, IAsyncStreamWriter<DeliverResponse> responses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(responses);
        while (await requests.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            Status status = await DeliverBlocksAsync(requests.Current, responses, cancellationToken).ConfigureAwait(false);
            await responses.WriteAsync(new DeliverResponse { Status = status }, cancellationToken).ConfigureAwait(false);
            if (status != Status.Success)
            {
                return;
            }
        }
    }

    private async Task<Status> DeliverBlocksAsync(Envelope envelope, IAsyncStreamWriter<DeliverResponse> responses, CancellationToken cancellationToken)
    {
        ChannelHeader? header;
        Payload payload;
        try
        {
            payload = Payload.Parser.ParseFrom(envelope.Payload);
            header = payload.Header is null ? null : ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
        }
        catch (InvalidProtocolBufferException e)
        {
            return Refuse(null, Status.BadRequest, $"malformed envelope: {e.Message}");
        }

        if (header is null)
        {
            return Refuse(null, Status.BadRequest, "envelope has no header");
        }

        using IDisposable? scope = _logger.BeginScope(new Dictionary<string, object> { ["channel"] = header.ChannelId, ["txid"] = header.TxId });
        if (header.Timestamp is null)
        {
            return Refuse(header.ChannelId, Status.BadRequest, "channel header in envelope must contain timestamp");
        }

        TimeSpan skew = (_time.GetUtcNow() - header.Timestamp.ToDateTimeOffset()).Duration();
        if (skew > _timeWindow)
        {
            return Refuse(header.ChannelId, Status.BadRequest, $"envelope timestamp is {skew} apart from the orderer's clock, more than {_timeWindow}");
        }

        ChannelSupport? channel = _registrar.Get(header.ChannelId);
        if (channel is null)
        {
            return Refuse(header.ChannelId, Status.NotFound, $"channel {header.ChannelId} not found");
        }

        if (channel.Chain.Status.Health == ChainHealth.Errored)
        {
            return Refuse(header.ChannelId, Status.ServiceUnavailable, $"consenter error: {channel.Chain.Status.Reason}");
        }

        BroadcastMessage request = BroadcastMessage.Parse(envelope);
        if (request.SignedDataError is { } signedError)
        {
            return Refuse(header.ChannelId, Status.BadRequest, signedError);
        }

        var access = new ReadersAccess(() => channel.Config, PolicyManager.ChannelReaders, request.SignedData);
        if (access.Evaluate() is { } denied)
        {
            return Refuse(header.ChannelId, Status.Forbidden, denied);
        }

        SeekInfo seek;
        try
        {
            seek = SeekInfo.Parser.ParseFrom(payload.Data);
        }
        catch (InvalidProtocolBufferException e)
        {
            return Refuse(header.ChannelId, Status.BadRequest, $"malformed seekInfo payload: {e.Message}");
        }

        if (seek.Start is null || seek.Stop is null)
        {
            return Refuse(header.ChannelId, Status.BadRequest, "seekInfo has no start or stop");
        }

        SeekRange? range = SeekRange.Resolve(seek, channel.Height, emptyLedgerHasNoNewest: false, out Status rangeStatus, out string? rangeError);
        if (range is null)
        {
            return Refuse(header.ChannelId, rangeStatus, rangeError!);
        }

        Status status = await SendBlocksAsync(channel, seek, range.Value, access, responses, cancellationToken).ConfigureAwait(false);
        if (status == Status.Success)
        {
            _metrics.DeliverCompleted(header.ChannelId, status);
        }

        return status;
    }

    private async Task<Status> SendBlocksAsync(
        ChannelSupport channel,
        SeekInfo seek,
        SeekRange range,
        ReadersAccess access,
        IAsyncStreamWriter<DeliverResponse> responses,
        CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        IAsyncEnumerator<Block> blocks = channel.Store.ReadFrom(range.Start, stop.Token).GetAsyncEnumerator(stop.Token);
        try
        {
            ulong number = range.Start;
            while (true)
            {
                if (seek.Behavior == SeekInfo.Types.SeekBehavior.FailIfNotReady && number > channel.Height - 1)
                {
                    return Refuse(channel.ChannelId, Status.NotFound, $"block {number} is beyond the height {channel.Height}");
                }

                Task<bool> next = blocks.MoveNextAsync().AsTask();
                while (!next.IsCompleted)
                {
                    await Task.WhenAny(next, Task.Delay(ErrorWatchInterval, _time, cancellationToken)).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!next.IsCompleted && channel.Chain.Status.Health == ChainHealth.Errored)
                    {
                        await stop.CancelAsync().ConfigureAwait(false);
                        await next.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
                        return Refuse(channel.ChannelId, Status.ServiceUnavailable, $"consenter error: {channel.Chain.Status.Reason}");
                    }
                }

                if (!await next.ConfigureAwait(false))
                {
                    return Refuse(channel.ChannelId, Status.ServiceUnavailable, "the channel's ledger was closed");
                }

                Block block = blocks.Current;
                number++;
                if (access.Evaluate() is { } denied)
                {
                    return Refuse(channel.ChannelId, Status.Forbidden, denied);
                }

                Block toSend = seek.ContentType == SeekInfo.Types.SeekContentType.HeaderWithSig && !IsConfigBlock(block)
                    ? new Block { Header = block.Header, Data = new BlockData(), Metadata = block.Metadata }
                    : block;
                await responses.WriteAsync(new DeliverResponse { Block = toSend }, cancellationToken).ConfigureAwait(false);
                _metrics.BlockSent(channel.ChannelId);
                using (_logger.BeginScope(new Dictionary<string, object> { ["block"] = block.Header.Number }))
                {
                    OrdererLog.BlockDelivered(_logger);
                }

                if (block.Header.Number == range.Stop)
                {
                    return Status.Success;
                }
            }
        }
        finally
        {
            await blocks.DisposeAsync().ConfigureAwait(false);
        }
    }

    private Status Refuse(string? channelId, Status status, string reason)
    {
        OrdererLog.DeliverRefused(_logger, status, reason);
        _metrics.DeliverCompleted(channelId, status);
        return status;
    }

    private static bool IsConfigBlock(Block block)
    {
        if (block.Data.Data.Count != 1)
        {
            return false;
        }

        ChannelHeader? header = BroadcastMessage.Parse(Envelope.Parser.ParseFrom(block.Data.Data[0])).ChannelHeader;
        return header?.Type == (int)HeaderType.Config;
    }
}
