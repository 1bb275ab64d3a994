using System.Collections.Concurrent;
using Fabricish.Orderer.Consensus;
using Fabricish.Protos.Common;

namespace Fabricish.Orderer.Tests.Consensus;

/// <summary>A chain that orders nothing: it records what broadcast handed it and answers SUCCESS, so the orderer's
/// side of the consensus seam can be tested without Kafka.</summary>
internal sealed class FakeChain(IConsenterSupport support) : IChain
{
    private volatile StatusBox _status = new(new ChainStatus(ChainHealth.Created, "not started"));

    /// <summary>What the consenter handed this chain; a test writes blocks through it as a real chain would.</summary>
    public IConsenterSupport Support => support;

    public string ChannelId => support.ChannelId;

    public ChainStatus Status => _status.Value;

    public ConcurrentQueue<(Envelope Envelope, ulong ConfigSeq)> Ordered { get; } = new();

    public ConcurrentQueue<(Envelope Config, ulong ConfigSeq)> Configured { get; } = new();

    public void Start() => _status = new StatusBox(new ChainStatus(ChainHealth.Available, null));

    public Task HaltAsync()
    {
        _status = new StatusBox(new ChainStatus(ChainHealth.Stopped, "halted"));
        return Task.CompletedTask;
    }

    public Task<OrderResult> OrderAsync(Envelope envelope, ulong configSeq, CancellationToken cancellationToken = default)
    {
        Ordered.Enqueue((envelope, configSeq));
        return Task.FromResult(OrderResult.Success);
    }

    public Task<OrderResult> ConfigureAsync(Envelope config, ulong configSeq, CancellationToken cancellationToken = default)
    {
        Configured.Enqueue((config, configSeq));
        return Task.FromResult(OrderResult.Success);
    }
}
