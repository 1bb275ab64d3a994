using System.Diagnostics;
using Fabricish.Orderer.Broadcast;
using Fabricish.Orderer.Consensus;
using Fabricish.Protos.Common;

namespace Fabricish.Benchmarks.Harness;

/// <summary>What the Broadcast service does per message, called directly: validate, then hand to the chain and wait
/// for Kafka's acknowledgement.</summary>
public sealed class InProcessClient(BroadcastHandler handler, IChain chain) : IBroadcastClient
{
    public async Task<BroadcastAck> SendAsync(Envelope envelope)
    {
        BroadcastOutcome outcome = handler.ProcessMessage(envelope);
        long validated = Stopwatch.GetTimestamp();
        if (!outcome.IsAccepted)
        {
            return new BroadcastAck(false, validated);
        }

        // Not cancellable: an envelope handed to Kafka is seen through to its acknowledgement, so the drain knows
        // exactly which envelopes must reach a block.
        OrderResult ordered = await chain.OrderAsync(envelope, outcome.ConfigSequence, CancellationToken.None).ConfigureAwait(false);
        return new BroadcastAck(ordered.IsSuccess, validated);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
