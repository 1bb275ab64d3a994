using System.Collections.Concurrent;
using Fabricish.Orderer.Consensus;

namespace Fabricish.Orderer.Tests.Consensus;

/// <summary>A consenter for <paramref name="consensusType"/> that makes <see cref="FakeChain"/>s and keeps them.</summary>
internal sealed class FakeConsenter(string consensusType) : IConsenter
{
    public string ConsensusType => consensusType;

    public ConcurrentQueue<FakeChain> Chains { get; } = new();

    public IChain? TryHandleChain(IConsenterSupport support, out string? error)
    {
        var chain = new FakeChain(support);
        Chains.Enqueue(chain);
        error = null;
        return chain;
    }
}
