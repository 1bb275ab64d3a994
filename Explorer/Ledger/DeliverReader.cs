using System.Runtime.CompilerServices;
using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Grpc.Core;
using Status = Fabricish.Protos.Common.Status;
using Grpc.Net.Client;
using PeerDeliver = Fabricish.Protos.Peer.Deliver;

namespace Fabricish.Explorer.Ledger;

/// <summary>Blocks through Deliver, the one read interface every peer and orderer serves today: a signed seek
/// (the node checks the channel's Readers policy against the signer) and the stream of blocks it answers.</summary>
public static class DeliverReader
{
    public static SeekPosition Newest { get; } = new() { Newest = new SeekNewest() };

    public static SeekPosition At(ulong number) => new() { Specified = new SeekSpecified { Number = number } };

    /// <summary>Streams the blocks from <paramref name="start"/> to <paramref name="stop"/>; with
    /// <paramref name="follow"/> it waits for blocks not committed yet, otherwise it fails on a block not there.</summary>
    /// <param name="orderer">True for an orderer's <c>AtomicBroadcast.Deliver</c>, false for a peer's <c>protos.Deliver</c>.</param>
    public static async IAsyncEnumerable<Block> ReadAsync(
        GrpcChannel node, bool orderer, SigningIdentity identity, string channel, SeekPosition start, SeekPosition stop, bool follow,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var seek = new SeekInfo
        {
            Start = start,
            Stop = stop,
            Behavior = follow ? SeekInfo.Types.SeekBehavior.BlockUntilReady : SeekInfo.Types.SeekBehavior.FailIfNotReady,
        };
        Envelope request = SignedEnvelope.Create(HeaderType.DeliverSeekInfo, channel, identity, seek, DateTimeOffset.UtcNow);
        if (orderer)
        {
            using AsyncDuplexStreamingCall<Envelope, DeliverResponse> call = new AtomicBroadcast.AtomicBroadcastClient(node).Deliver(cancellationToken: cancellationToken);
            await call.RequestStream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
            while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                DeliverResponse response = call.ResponseStream.Current;
                if (response.TypeCase == DeliverResponse.TypeOneofCase.Block)
                {
                    yield return response.Block;
                    continue;
                }

                ThrowUnlessSuccess(response.Status, channel);
                yield break;
            }
        }
        else
        {
            using AsyncDuplexStreamingCall<Envelope, Protos.Peer.DeliverResponse> call = new PeerDeliver.DeliverClient(node).Deliver(cancellationToken: cancellationToken);
            await call.RequestStream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
            while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                Protos.Peer.DeliverResponse response = call.ResponseStream.Current;
                if (response.TypeCase == Protos.Peer.DeliverResponse.TypeOneofCase.Block)
                {
                    yield return response.Block;
                    continue;
                }

                ThrowUnlessSuccess(response.Status, channel);
                yield break;
            }
        }
    }

    /// <summary>One block by number, or the newest when <paramref name="number"/> is null.</summary>
    public static async Task<Block> ReadOneAsync(GrpcChannel node, bool orderer, SigningIdentity identity, string channel, ulong? number, CancellationToken cancellationToken)
    {
        SeekPosition at = number is { } n ? At(n) : Newest;
        await foreach (Block block in ReadAsync(node, orderer, identity, channel, at, at, follow: false, cancellationToken).ConfigureAwait(false))
        {
            return block;
        }

        throw new DeliverRefusedException(channel, Status.NotFound);
    }

    private static void ThrowUnlessSuccess(Status status, string channel)
    {
        if (status != Status.Success)
        {
            throw new DeliverRefusedException(channel, status);
        }
    }
}
