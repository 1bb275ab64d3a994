using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using DeliverResponse = Fabricish.Protos.Peer.DeliverResponse;
using Status = Fabricish.Protos.Common.Status;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace Fabricish.Benchmarks.Chaos;

/// <summary>A peer's whole ledger read back through its Deliver service (full blocks, as an auditor would read it):
/// every block's chain fields and validation codes, and where each transaction ID stands.</summary>
public static class LedgerReader
{
    /// <summary>Blocks 0 up to <paramref name="height"/> - 1.</summary>
    public static async Task<PeerLedger> ReadAsync(string peerName, GrpcChannel peer, SigningIdentity reader, string channel, long height, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var seek = new SeekInfo
        {
            Start = new SeekPosition { Specified = new SeekSpecified { Number = 0 } },
            Stop = new SeekPosition { Specified = new SeekSpecified { Number = (ulong)Math.Max(0, height - 1) } },
            Behavior = SeekInfo.Types.SeekBehavior.BlockUntilReady,
        };
        var blocks = new List<LedgerBlock>();
        var client = new Deliver.DeliverClient(peer);
        using AsyncDuplexStreamingCall<Envelope, DeliverResponse> call = client.Deliver(deadline: DateTime.UtcNow.AddMinutes(2), cancellationToken: cancellationToken);
        await call.RequestStream.WriteAsync(SignedEnvelope.Create(HeaderType.DeliverSeekInfo, channel, reader, seek, DateTimeOffset.UtcNow), cancellationToken).ConfigureAwait(false);
        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            DeliverResponse response = call.ResponseStream.Current;
            if (response.TypeCase == DeliverResponse.TypeOneofCase.Block)
            {
                blocks.Add(Read(response.Block));
            }
            else if (response.Status != Status.Success)
            {
                throw new InvalidOperationException($"{peerName} refused to deliver blocks 0-{height - 1}: {response.Status}");
            }
            else
            {
                break;
            }
        }

        return new PeerLedger(peerName, blocks);
    }

    private static LedgerBlock Read(Block block)
    {
        ByteString filter = block.Metadata.Metadata.Count > (int)BlockMetadataIndex.TransactionsFilter
            ? block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter]
            : ByteString.Empty;
        ByteString commitHash = block.Metadata.Metadata.Count > (int)BlockMetadataIndex.CommitHash
            ? block.Metadata.Metadata[(int)BlockMetadataIndex.CommitHash]
            : ByteString.Empty;
        var transactions = new List<(string TxId, TxValidationCode Code)>(block.Data.Data.Count);
        for (int i = 0; i < block.Data.Data.Count; i++)
        {
            string txid;
            try
            {
                Payload payload = Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(block.Data.Data[i]).Payload);
                txid = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader).TxId;
            }
            catch (InvalidProtocolBufferException)
            {
                txid = "";
            }

            var code = i < filter.Length ? (TxValidationCode)filter[i] : TxValidationCode.NotValidated;
            transactions.Add((txid, code));
        }

        return new LedgerBlock(block.Header.Number, block.Header.PreviousHash, block.Header.DataHash, filter, commitHash, transactions);
    }
}
