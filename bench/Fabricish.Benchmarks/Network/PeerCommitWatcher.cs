using System.Diagnostics;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Peer;
using Grpc.Core;
using Grpc.Net.Client;

namespace Fabricish.Benchmarks.Network;

/// <summary>
/// Follows one peer's DeliverFiltered stream (transaction IDs and validation codes only, no read-write sets) and tells
/// the tracker which transactions that peer committed. A broken stream is reopened from the block after the last one
/// seen, so no transaction is missed.
/// </summary>
public sealed class PeerCommitWatcher(int index, string name, GrpcChannel peer, SigningIdentity identity, string channel, TxTracker tracker)
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ulong? _next;
    private long _height;

    public string Name { get; } = name;

    /// <summary>Completes when the first block (the newest at the start) arrived: the watch is attached.</summary>
    public Task Ready => _ready.Task;

    public string? LastError { get; private set; }

    /// <summary>The node's height as its stream last showed it: the number of the last block seen plus one (0 before any).</summary>
    public long Height => Volatile.Read(ref _height);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var client = new Deliver.DeliverClient(peer);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using AsyncDuplexStreamingCall<Fabricish.Protos.Common.Envelope, DeliverResponse> call = client.DeliverFiltered(cancellationToken: cancellationToken);
                await call.RequestStream.WriteAsync(DeliverSeek.Build(identity, channel, _next), cancellationToken).ConfigureAwait(false);
                while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                {
                    DeliverResponse response = call.ResponseStream.Current;
                    if (response.TypeCase == DeliverResponse.TypeOneofCase.FilteredBlock)
                    {
                        Handle(response.FilteredBlock);
                    }
                    else if (response.TypeCase == DeliverResponse.TypeOneofCase.Status)
                    {
                        LastError = $"{Name} ended the stream with status {response.Status}";
                        break;
                    }
                }
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                LastError = $"{Name}: {e.Status.StatusCode} {e.Status.Detail}";
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Handle(FilteredBlock block)
    {
        long now = Stopwatch.GetTimestamp();
        foreach (FilteredTransaction tx in block.FilteredTransactions)
        {
            tracker.PeerCommitted(index, tx.Txid, tx.TxValidationCode, block.Number, now);
        }

        _next = block.Number + 1;
        Volatile.Write(ref _height, (long)(block.Number + 1));
        _ready.TrySetResult();
    }
}
