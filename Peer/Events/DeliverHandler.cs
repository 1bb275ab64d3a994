using Fabricish.Channels.Deliver;
using Fabricish.Peer.Channels;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using DeliverResponse = Fabricish.Protos.Peer.DeliverResponse;
using Status = Fabricish.Protos.Common.Status;

namespace Fabricish.Peer.Events;

/// <summary>
/// One stream of the peer's Deliver service, with the semantics of Fabric's <c>common/deliver</c> handler (shared by
/// orderer and peer): each DELIVER_SEEK_INFO envelope needs a timestamp inside the time window, a joined channel
/// (else NOT_FOUND) and a signature satisfying /Channel/Application/Readers (else FORBIDDEN, re-checked on every
/// configuration change and when the requester's certificate expires). Blocks from start to stop are then sent —
/// waiting for new ones under BLOCK_UNTIL_READY, NOT_FOUND beyond the height under FAIL_IF_NOT_READY — followed by
/// SUCCESS, after which the next request on the stream is served. Any other status ends the stream.
/// </summary>
internal sealed class DeliverHandler(
    IPeerChannels channels,
    FilteredBlocks filteredBlocks,
    IOptions<EventsOptions> options,
    TimeProvider time,
    ILogger<DeliverHandler> logger)
{
    public async Task HandleAsync(
        DeliverContent content,
        IAsyncStreamReader<Envelope> requests,
        IAsyncStreamWriter<DeliverResponse> responses,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(responses);
        while (await requests.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            Status status = await DeliverBlocksAsync(content, requests.Current, responses, cancellationToken).ConfigureAwait(false);
            await responses.WriteAsync(new DeliverResponse { Status = status }, cancellationToken).ConfigureAwait(false);
            if (status != Status.Success)
            {
                return;
            }

            EventsLog.DeliverCompleted(logger);
        }
    }

    private async Task<Status> DeliverBlocksAsync(
        DeliverContent content,
        Envelope envelope,
        IAsyncStreamWriter<DeliverResponse> responses,
        CancellationToken cancellationToken)
    {
        DeliverRequest? request = DeliverRequest.Parse(envelope, time.GetUtcNow(), options.Value.TimeWindow, out string? parseError);
        if (request is null)
        {
            return Refuse(Status.BadRequest, parseError!);
        }

        string channelId = request.ChannelHeader.ChannelId;
        using IDisposable? scope = logger.BeginScope(new Dictionary<string, object> { ["channel"] = channelId, ["txid"] = request.ChannelHeader.TxId });
        if (!channels.TryGet(channelId, out IPeerLedger? ledger))
        {
            // Debug only: SDKs poll while waiting for the peer to join, which would flood a warning log.
            EventsLog.ChannelNotFound(logger, channelId);
            return Status.NotFound;
        }

        var access = new DeliverSessionAccess(ledger, request.SignedData, time);
        if (access.Evaluate() is { } denied)
        {
            return Refuse(Status.Forbidden, denied);
        }

        SeekInfo seek;
        try
        {
            seek = SeekInfo.Parser.ParseFrom(request.Payload.Data);
        }
        catch (InvalidProtocolBufferException e)
        {
            return Refuse(Status.BadRequest, $"malformed seekInfo payload: {e.Message}");
        }

        if (seek.Start is null || seek.Stop is null)
        {
            return Refuse(Status.BadRequest, "seekInfo has no start or stop");
        }

        // Only blocks committed in full exist for clients: one whose state is still being written is not "newest" yet.
        if (SeekRange.Resolve(seek, ledger.CommittedHeight, emptyLedgerHasNoNewest: true, out Status rangeStatus, out string? rangeError) is not { } range)
        {
            return Refuse(rangeStatus, rangeError!);
        }

        return await SendBlocksAsync(content, channelId, ledger, seek, range, access, responses, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Status> SendBlocksAsync(
        DeliverContent content,
        string channelId,
        IPeerLedger ledger,
        SeekInfo seek,
        SeekRange range,
        DeliverSessionAccess access,
        IAsyncStreamWriter<DeliverResponse> responses,
        CancellationToken cancellationToken)
    {
        // Blocks are released once their state is committed, so a client that sees a transaction committed can read
        // what it wrote.
        IAsyncEnumerator<Block> blocks = ledger.ReadCommittedFrom(range.Start, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            ulong number = range.Start;
            while (true)
            {
                ulong height = ledger.CommittedHeight;
                if (seek.Behavior == SeekInfo.Types.SeekBehavior.FailIfNotReady && number >= height)
                {
                    return Refuse(Status.NotFound, $"block {number} is beyond the height {height}");
                }

                if (!await blocks.MoveNextAsync().ConfigureAwait(false))
                {
                    return Refuse(Status.ServiceUnavailable, "the channel's ledger was closed");
                }

                Block block = blocks.Current;
                number++;
                if (access.Evaluate() is { } denied)
                {
                    return Refuse(Status.Forbidden, denied);
                }

                if (Response(content, channelId, seek, block, out string? error) is not { } response)
                {
                    return Refuse(Status.BadRequest, error!);
                }

                await responses.WriteAsync(response, cancellationToken).ConfigureAwait(false);
                EventsLog.BlockDelivered(logger, block.Header.Number, content);
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

    private DeliverResponse? Response(DeliverContent content, string channelId, SeekInfo seek, Block block, out string? error)
    {
        error = null;
        bool headerOnly = seek.ContentType == SeekInfo.Types.SeekContentType.HeaderWithSig && !IsConfigBlock(block);
        if (headerOnly)
        {
            // A new block rather than clearing this one's data, so a block shared with other readers stays whole.
            block = new Block { Header = block.Header, Data = new BlockData(), Metadata = block.Metadata };
        }

        return content switch
        {
            DeliverContent.Blocks => new DeliverResponse { Block = block },
            DeliverContent.FilteredBlocks when headerOnly => FilteredBlocks.Uncached(block, out error),
            DeliverContent.FilteredBlocks => filteredBlocks.ResponseFor(channelId, block, out error),
            // Fabricish has no private data collections yet, so the map of what the requester may read is empty.
            _ => new DeliverResponse { BlockAndPrivateData = new BlockAndPrivateData { Block = block } },
        };
    }

    private Status Refuse(Status status, string reason)
    {
        EventsLog.DeliverRefused(logger, status, reason);
        return status;
    }

    private static bool IsConfigBlock(Block block)
    {
        if (block.Data.Data.Count != 1)
        {
            return false;
        }

        try
        {
            Payload payload = Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(block.Data.Data[0]).Payload);
            return payload.Header is not null && ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader).Type == (int)HeaderType.Config;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }
}
