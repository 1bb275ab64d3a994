using Fabricish.Channels.Msp;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;
using Fabricish.Testing;

namespace Fabricish.Endorser.Tests;

/// <summary>The sample TwoOrgsChannel on fresh CAs, joined by one Org1 peer: Org1's client (a Writer), the peer's
/// own identity (a Reader only), an identity of an org outside the channel, and the channel's endorser view.</summary>
internal sealed class TestNetwork : IDisposable, IEndorserChannels
{
    public const string ChannelId = "mychannel";

    private readonly List<IDisposable> owned = [];

    public TestNetwork(IStateDatabase? state = null, StateCommitLock? commitLock = null)
    {
        SampleChannel sample = Own(new SampleChannel(ChannelId, tlsRootCerts: false));
        (OrdererOrg, Org1, Org2) = (sample.OrdererOrg, sample.Org1, sample.Org2);
        Outsider = Own(new TestOrg("Org3MSP", "org3.example.com"));
        Org1Client = Own(Org1.Identity("User1@org1.example.com", NodeRole.Client));
        Org1Peer = Own(Org1.Identity("peer0.org1.example.com", NodeRole.Peer));
        OutsiderClient = Own(Outsider.Identity("User1@org3.example.com", NodeRole.Client));

        State = state ?? new InMemoryStateDatabase();
        Channel = new EndorserChannel(sample.Config, State, Committed, commitLock: commitLock);
    }

    public TestOrg OrdererOrg { get; }

    public TestOrg Org1 { get; }

    public TestOrg Org2 { get; }

    public TestOrg Outsider { get; }

    public SigningIdentity Org1Client { get; }

    public SigningIdentity Org1Peer { get; }

    public SigningIdentity OutsiderClient { get; }

    public IStateDatabase State { get; }

    public CommittedTxIds Committed { get; } = new();

    public EndorserChannel Channel { get; }

    public EndorserChannel? GetChannel(string channelId) => channelId == ChannelId ? Channel : null;

    public void Dispose()
    {
        for (int i = owned.Count - 1; i >= 0; i--)
        {
            owned[i].Dispose();
        }
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        owned.Add(disposable);
        return disposable;
    }
}
