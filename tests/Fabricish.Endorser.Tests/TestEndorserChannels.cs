using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;
using Fabricish.Testing;

namespace Fabricish.Endorser.Tests;

/// <summary>The test network's channel as its Org1 peer's endorser sees it: one <see cref="EndorserChannel"/> over a
/// world state and the tx ids committed so far.</summary>
internal sealed class TestEndorserChannels : IEndorserChannels
{
    public TestEndorserChannels(TestNetwork network, IStateDatabase? state = null, StateCommitLock? commitLock = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        State = state ?? new InMemoryStateDatabase();
        Channel = new EndorserChannel(network.Config, State, Committed, commitLock: commitLock);
    }

    public IStateDatabase State { get; }

    public CommittedTxIds Committed { get; } = new();

    public EndorserChannel Channel { get; }

    public EndorserChannel? GetChannel(string channelId) => channelId == TestNetwork.ChannelId ? Channel : null;

    /// <summary>The endorser tests' MSPs have always been built without TLS roots; this keeps exercising that shape.</summary>
    public static TestNetwork NewNetwork() => new(tlsRootCerts: false);
}
