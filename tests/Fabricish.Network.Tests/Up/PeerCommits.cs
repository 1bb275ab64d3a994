using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Grpc.Core;
using Grpc.Net.Client;
using DeliverResponse = Fabricish.Protos.Peer.DeliverResponse;
using SeekInfo = Fabricish.Protos.Orderer.SeekInfo;

namespace Fabricish.Network.Tests.Up;

/// <summary>Reads a peer's own record of a transaction from its ledger through <c>protos.Deliver/DeliverFiltered</c>
/// (as Fabric's SDK commit listeners do), independently of the CLI and the gateway.</summary>
public static class PeerCommits
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The validation code <paramref name="peerAddress"/> committed <paramref name="txId"/> with, reading
    /// blocks 0 to <paramref name="block"/> (waiting for them if the peer is behind); null if it is not among them.</summary>
    public static async Task<TxValidationCode?> ValidationCodeAsync(string peerAddress, SigningIdentity reader, string channel, string txId, ulong block)
    {
        using GrpcChannel grpc = GrpcChannel.ForAddress("http://" + peerAddress);
        var deliver = new Deliver.DeliverClient(grpc);
        using var cts = new CancellationTokenSource(Timeout);
        using AsyncDuplexStreamingCall<Envelope, DeliverResponse> call = deliver.DeliverFiltered(cancellationToken: cts.Token);
        await call.RequestStream.WriteAsync(Seek(reader, channel, block), cts.Token);
        await call.RequestStream.CompleteAsync();
        TxValidationCode? found = null;
        while (await call.ResponseStream.MoveNext(cts.Token))
        {
            DeliverResponse response = call.ResponseStream.Current;
            if (response.TypeCase == DeliverResponse.TypeOneofCase.Status)
            {
                Assert.True(response.Status == Protos.Common.Status.Success, $"{peerAddress} ended the deliver stream with {response.Status}");
                break;
            }

            foreach (FilteredTransaction tx in response.FilteredBlock.FilteredTransactions)
            {
                if (tx.Txid == txId)
                {
                    found = tx.TxValidationCode;
                }
            }
        }

        return found;
    }

    /// <summary>Blocks 0 to <paramref name="last"/> as <paramref name="peerAddress"/> committed them (waiting for them if
    /// the peer is behind): per block its header hash and the validation codes it recorded (TRANSACTIONS_FILTER).</summary>
    public static async Task<IReadOnlyList<string>> CommittedBlocksAsync(string peerAddress, SigningIdentity reader, string channel, ulong last)
    {
        using GrpcChannel grpc = GrpcChannel.ForAddress("http://" + peerAddress);
        var deliver = new Deliver.DeliverClient(grpc);
        using var cts = new CancellationTokenSource(Timeout);
        using AsyncDuplexStreamingCall<Envelope, DeliverResponse> call = deliver.Deliver(cancellationToken: cts.Token);
        await call.RequestStream.WriteAsync(Seek(reader, channel, last), cts.Token);
        await call.RequestStream.CompleteAsync();
        var blocks = new List<string>();
        while (await call.ResponseStream.MoveNext(cts.Token))
        {
            DeliverResponse response = call.ResponseStream.Current;
            if (response.TypeCase == DeliverResponse.TypeOneofCase.Status)
            {
                Assert.True(response.Status == Protos.Common.Status.Success, $"{peerAddress} ended the deliver stream with {response.Status}");
                break;
            }

            Block block = response.Block;
            blocks.Add($"{block.Header.Number} {Convert.ToHexStringLower(Channels.Blocks.BlockHashing.HeaderHash(block.Header))} " +
                Convert.ToHexStringLower(block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter].Span));
        }

        return blocks;
    }

    private static Envelope Seek(SigningIdentity reader, string channel, ulong stop)
    {
        var seek = new SeekInfo
        {
            Start = new SeekPosition { Oldest = new SeekOldest() },
            Stop = new SeekPosition { Specified = new SeekSpecified { Number = stop } },
            Behavior = SeekInfo.Types.SeekBehavior.BlockUntilReady,
        };
        return SignedEnvelope.Create(HeaderType.DeliverSeekInfo, channel, reader, seek, DateTimeOffset.UtcNow);
    }
}
