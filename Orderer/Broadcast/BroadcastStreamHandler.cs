using System.Globalization;
using System.Threading.Channels;
using Fabricish.Orderer.Host;
using Fabricish.Orderer.Consensus;
using Fabricish.Orderer.Operations;
using Fabricish.Orderer.Registrar;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Status = Fabricish.Protos.Common.Status;

namespace Fabricish.Orderer.Broadcast;

/// <summary>
/// One Broadcast stream (Fabric's broadcast <c>Handle</c>): each envelope is checked by <see cref="BroadcastHandler"/>
/// and only then handed to its channel's chain (found by the same lookup), so malformed, unauthorized or oversized messages never reach
/// Kafka. A client may pipeline: up to <see cref="MaxInFlight"/> envelopes of a stream are checked at once on the
/// thread pool, yet they reach Kafka and are answered in the order they came, one response each; as in Fabric, the
/// stream ends after the first response that is not SUCCESS, and nothing after it is ordered.
/// </summary>
internal sealed class BroadcastStreamHandler
{
    /// <summary>Envelopes of one stream being checked or awaiting Kafka's acknowledgement at once.</summary>
    public const int MaxInFlight = 32;

    private readonly BroadcastHandler _handler;
    private readonly OrdererMetrics _metrics;
    private readonly ILogger _logger;

    public BroadcastStreamHandler(ChannelRegistrar registrar, OrdererMetrics metrics, ILogger<BroadcastStreamHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(registrar);
        _metrics = metrics;
        _logger = logger;
        _handler = new BroadcastHandler(registrar);
    }

    public async Task HandleAsync(IAsyncStreamReader<Envelope> requests, IAsyncStreamWriter<BroadcastResponse> responses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(responses);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Channel<Task<BroadcastResponse?>> inFlight = Channel.CreateBounded<Task<BroadcastResponse?>>(
            new BoundedChannelOptions(MaxInFlight) { SingleReader = true, SingleWriter = true });
        Task reading = ReadAsync(requests, inFlight.Writer, stop.Token);
        try
        {
            await foreach (Task<BroadcastResponse?> pending in inFlight.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                // Null: a message after a refused one, which was neither ordered nor is answered.
                if (await pending.ConfigureAwait(false) is not { } response)
                {
                    return;
                }

                await responses.WriteAsync(response, cancellationToken).ConfigureAwait(false);
                if (response.Status != Status.Success)
                {
                    return;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await reading.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The reader was waiting for a message nobody will answer.
            }
        }
    }

    /// <summary>Checks, orders and answers one envelope.</summary>
    public async Task<BroadcastResponse> ProcessAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        BroadcastOutcome outcome = _handler.ProcessMessage(envelope);
        (Status status, string? info) = await OrderAsync(outcome, envelope, cancellationToken).ConfigureAwait(false);
        return Answer(outcome, status, info);
    }

    private async Task ReadAsync(IAsyncStreamReader<Envelope> requests, ChannelWriter<Task<BroadcastResponse?>> inFlight, CancellationToken cancellationToken)
    {
        try
        {
            Task<bool> previousHandedOver = Task.FromResult(true);
            while (await requests.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                Envelope envelope = requests.Current;
                var handedOver = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                Task<BroadcastResponse?> response = ProcessInOrderAsync(envelope, previousHandedOver, handedOver, cancellationToken);
                previousHandedOver = handedOver.Task;
                await inFlight.WriteAsync(response, cancellationToken).ConfigureAwait(false);
            }

            inFlight.TryComplete();
        }
        catch (Exception e) when (inFlight.TryComplete(e))
        {
            // Handed to the answering loop, which rethrows it as the stream's failure.
        }
    }

    /// <summary>Checks the envelope on the thread pool, in parallel with its neighbours, then hands it to Kafka only once
    /// the envelope before it was handed over (or refused: then this one is dropped, as the stream ends there).</summary>
    private async Task<BroadcastResponse?> ProcessInOrderAsync(
        Envelope envelope, Task<bool> previousHandedOver, TaskCompletionSource<bool> handedOver, CancellationToken cancellationToken)
    {
        try
        {
            BroadcastOutcome outcome = await Task.Run(() => _handler.ProcessMessage(envelope), cancellationToken).ConfigureAwait(false);
            if (!await previousHandedOver.ConfigureAwait(false))
            {
                return null;
            }

            // The chain enqueues the message with Kafka before its first await, so starting the order call is enough
            // to fix this envelope's place before the next one's.
            Task<(Status, string?)> ordering = OrderAsync(outcome, envelope, cancellationToken);
            handedOver.TrySetResult(outcome.IsAccepted);
            (Status status, string? info) = await ordering.ConfigureAwait(false);
            return Answer(outcome, status, info);
        }
        finally
        {
            handedOver.TrySetResult(false);
        }
    }

    private Task<(Status, string?)> OrderAsync(BroadcastOutcome outcome, Envelope envelope, CancellationToken cancellationToken)
    {
        if (!outcome.IsAccepted)
        {
            return Task.FromResult((outcome.Status, outcome.Info));
        }

        // Only a handler built on processors alone accepts without a chain; say so as for an unknown channel.
        if (outcome.Chain is not { } chain)
        {
            return Task.FromResult((Status.NotFound, (string?)string.Format(CultureInfo.InvariantCulture, BroadcastHandler.UnknownChannelFormat, outcome.ChannelId)));
        }

        if (outcome.IsConfigUpdate && outcome.Config is null)
        {
            return Task.FromResult((Status.InternalServerError, (string?)"the authorized config update could not be turned into a CONFIG envelope: the orderer has no signing identity"));
        }

        Task<OrderResult> ordered = outcome.IsConfigUpdate
            ? chain.ConfigureAsync(outcome.Config!, outcome.ConfigSequence, cancellationToken)
            : chain.OrderAsync(envelope, outcome.ConfigSequence, cancellationToken);
        return Completed(ordered);

        static async Task<(Status, string?)> Completed(Task<OrderResult> ordered)
        {
            OrderResult result = await ordered.ConfigureAwait(false);
            return (result.Status, result.Info);
        }
    }

    private BroadcastResponse Answer(BroadcastOutcome outcome, Status status, string? info)
    {
        bool success = status == Status.Success;
        if (_logger.IsEnabled(success ? LogLevel.Debug : LogLevel.Warning))
        {
            using IDisposable? scope = _logger.BeginScope(new Dictionary<string, object>
            {
                ["channel"] = outcome.ChannelId ?? string.Empty,
                ["txid"] = outcome.TxId ?? string.Empty,
            });
            if (success)
            {
                OrdererLog.BroadcastEnqueued(_logger);
            }
            else
            {
                OrdererLog.BroadcastRejected(_logger, status, info);
            }
        }

        _metrics.Broadcast(outcome.ChannelId, status);
        return new BroadcastResponse { Status = status, Info = info ?? string.Empty };
    }
}
