using System.Diagnostics.Metrics;
using Fabricish.Orderer.Registrar;
using Fabricish.Protos.Common;

namespace Fabricish.Orderer.Operations;

/// <summary>The orderer's instruments: broadcasts by channel and status, deliver requests and blocks sent, and per
/// channel the ledger height (blocks written) and whether its chain can order.</summary>
internal sealed class OrdererMetrics : IDisposable
{
    public const string MeterName = "Fabricish.Orderer";

    private readonly Counter<long> _broadcasts;
    private readonly Counter<long> _deliverRequests;
    private readonly Counter<long> _blocksSent;

    public OrdererMetrics(ChannelRegistrar registrar, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(registrar);
        ArgumentNullException.ThrowIfNull(meters);
        Meter = meters.Create(MeterName);
        _broadcasts = Meter.CreateCounter<long>("fabricish.orderer.broadcast.processed", description: "Broadcast envelopes answered, by channel and status");
        _deliverRequests = Meter.CreateCounter<long>("fabricish.orderer.deliver.requests", description: "Deliver requests completed, by channel and status");
        _blocksSent = Meter.CreateCounter<long>("fabricish.orderer.deliver.blocks.sent", description: "Blocks sent to deliver clients, by channel");
        Meter.CreateObservableGauge(
            "fabricish.orderer.ledger.height",
            () => registrar.Channels.Select(c => new Measurement<long>((long)c.Height, new KeyValuePair<string, object?>("channel", c.ChannelId))),
            description: "Blocks in the channel's ledger (genesis included)");
        Meter.CreateObservableGauge(
            "fabricish.orderer.chain.available",
            () => registrar.Channels.Select(c => new Measurement<int>(c.Chain.Status.IsAvailable ? 1 : 0, new KeyValuePair<string, object?>("channel", c.ChannelId))),
            description: "1 while the channel's Kafka chain accepts messages, else 0");
    }

    /// <summary>This node's meter: several orderers may share a process (tests), each exports only its own.</summary>
    public Meter Meter { get; }

    public void Broadcast(string? channel, Status status) =>
        _broadcasts.Add(1, new KeyValuePair<string, object?>("channel", channel ?? string.Empty), new KeyValuePair<string, object?>("status", status.ToString()));

    public void DeliverCompleted(string? channel, Status status) =>
        _deliverRequests.Add(1, new KeyValuePair<string, object?>("channel", channel ?? string.Empty), new KeyValuePair<string, object?>("status", status.ToString()));

    public void BlockSent(string channel) => _blocksSent.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void Dispose() => Meter.Dispose();
}
