using Fabricish.Orderer.Host;
using Fabricish.Orderer.Kafka;
using Fabricish.Orderer.Operations;
using Fabricish.Orderer.Registrar;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Grpc.Core;
using Status = Fabricish.Protos.Common.Status;
using Microsoft.Extensions.Logging;

namespace Fabricish.Orderer.Broadcast;

/// <summary>
/// One Broadcast stream (Fabric's broadcast <c>Handle</c>): each envelope is checked by <see cref="BroadcastHandler"/>
/// and only then handed to its channel's Kafka chain, so malformed, unauthorized or oversized messages never reach
/// Kafka. Each envelope gets one response; as in Fabric, the stream ends after the first response that is not SUCCESS.
/// </summary>
public sealed class BroadcastStreamHandler
{
    private readonly BroadcastHandler _handler;
    private readonly ChannelRegistrar _registrar;
    private readonly OrdererMetrics _metrics;
    private readonly ILogger _logger;

    public BroadcastStreamHandler(ChannelRegistrar registrar, OrdererMetrics metrics, ILogger<BroadcastStreamHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(registrar);
        _registrar = registrar;
        _metrics = metrics;
        _logger = logger;
        _handler = new BroadcastHandler(id => registrar.Get(id)?.Processor);
    }

    public async Task HandleAsync(IAsyncStreamReader<Envelope> requests, IAsyncStreamWriter<BroadcastResponse> responses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(responses);
        while (await requests.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            BroadcastResponse response = await ProcessAsync(requests.Current, cancellationToken).ConfigureAwait(false);
            await responses.WriteAsync(response, cancellationToken).ConfigureAwait(false);
            if (response.Status != Status.Success)
            {
                return;
            }
        }
    }

    public async Task<BroadcastResponse> ProcessAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ChannelHeader? header = EnvelopeHeaders.TryChannelHeader(envelope);
        using IDisposable? scope = _logger.BeginScope(new Dictionary<string, object>
        {
            ["channel"] = header?.ChannelId ?? string.Empty,
            ["txid"] = header?.TxId ?? string.Empty,
        });

        BroadcastOutcome outcome = _handler.ProcessMessage(envelope);
        (Status status, string? info) = outcome switch
        {
            { IsAccepted: false } => (outcome.Status, outcome.Info),

            // Fabric answers an authorized update by ordering the CONFIG envelope it computes and signs; computing
            // the next configuration is not implemented yet, so the update is refused rather than half-applied.
            { IsConfigUpdate: true } => (Status.BadRequest, "config updates are not supported by this orderer yet"),
            _ => await OrderAsync(outcome, envelope, cancellationToken).ConfigureAwait(false),
        };

        if (status == Status.Success)
        {
            OrdererLog.BroadcastEnqueued(_logger);
        }
        else
        {
            OrdererLog.BroadcastRejected(_logger, status, info);
        }

        _metrics.Broadcast(outcome.ChannelId, status);
        return new BroadcastResponse { Status = status, Info = info ?? string.Empty };
    }

    private async Task<(Status, string?)> OrderAsync(BroadcastOutcome outcome, Envelope envelope, CancellationToken cancellationToken)
    {
        ChannelSupport? channel = _registrar.Get(outcome.ChannelId!);
        if (channel is null)
        {
            return (Status.NotFound, string.Format(System.Globalization.CultureInfo.InvariantCulture, BroadcastHandler.UnknownChannelFormat, outcome.ChannelId));
        }

        OrderResult ordered = await channel.Chain.OrderAsync(envelope, outcome.ConfigSequence, cancellationToken).ConfigureAwait(false);
        return (ordered.Status, ordered.Info);
    }
}
