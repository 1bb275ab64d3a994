using Fabricish.Protos.Common;

namespace Fabricish.Orderer.Consensus;

/// <summary>One channel's ordering, as the broadcast service sees it (Fabric's <c>consensus.Chain</c>). Messages
/// are validated before they are handed over; the chain only orders them. Never throws for an unreachable ordering
/// service (Kafka, for the Kafka chain): that is an <see cref="OrderResult"/>.</summary>
public interface IChain
{
    string ChannelId { get; }

    /// <summary>Whether the chain orders now (Fabric's <c>WaitReady</c>) and whether it stopped for good (<c>Errored</c>).</summary>
    ChainStatus Status { get; }

    /// <summary>Begins connecting and, once connected, consuming and writing blocks; returns at once.</summary>
    void Start();

    /// <summary>Stops ordering and releases what the chain holds; blocks already written stay.</summary>
    Task HaltAsync();

    /// <summary>Orders a normal message validated against config sequence <paramref name="configSeq"/>.</summary>
    Task<OrderResult> OrderAsync(Envelope envelope, ulong configSeq, CancellationToken cancellationToken = default);

    /// <summary>Orders a CONFIG envelope (the result of an authorized config update) validated against <paramref name="configSeq"/>.</summary>
    Task<OrderResult> ConfigureAsync(Envelope config, ulong configSeq, CancellationToken cancellationToken = default);
}
