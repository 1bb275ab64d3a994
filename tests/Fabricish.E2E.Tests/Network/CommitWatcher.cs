using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Grpc.Core;

namespace Fabricish.E2E.Tests.Network;

/// <summary>Waits for a transaction through the peer's DeliverFiltered stream, as Fabric's SDKs' commit listeners do.</summary>
public static class CommitWatcher
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    public static async Task<CommittedTx> WaitForAsync(PeerNode peer, SigningIdentity reader, string txId, ulong fromBlock = 1)
    {
        using var cts = new CancellationTokenSource(Timeout);
        using AsyncDuplexStreamingCall<Envelope, DeliverResponse> call = peer.Deliver.DeliverFiltered(cancellationToken: cts.Token);
        await call.RequestStream.WriteAsync(Proposals.Seek(reader, NetworkFixture.ChannelId, fromBlock), cts.Token);
        var seen = new List<string>();
        try
        {
            while (await call.ResponseStream.MoveNext(cts.Token))
            {
                DeliverResponse response = call.ResponseStream.Current;
                Assert.True(response.TypeCase == DeliverResponse.TypeOneofCase.FilteredBlock, $"{peer.MspId} peer ended the stream: {response}");
                FilteredBlock block = response.FilteredBlock;
                for (int i = 0; i < block.FilteredTransactions.Count; i++)
                {
                    FilteredTransaction tx = block.FilteredTransactions[i];
                    seen.Add($"{block.Number}/{i} {tx.Txid} {tx.TxValidationCode}");
                    if (tx.Txid == txId)
                    {
                        return new CommittedTx(block.Number, i, tx.TxValidationCode);
                    }
                }
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled || e.StatusCode == StatusCode.DeadlineExceeded)
        {
            // Reported below with what the peer did commit.
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Fail($"{peer.MspId} peer did not commit {txId} within {Timeout.TotalSeconds:0}s; committed: [{string.Join(", ", seen)}]\n{peer.LogTail()}");
        return null!;
    }
}
