using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Testing;

namespace Fabricish.Peer.Tests.Events.Support;

/// <summary>The sample TwoOrgsChannel on fresh CAs, with the identities the event tests sign with. Creating CAs and
/// keys is slow, so tests share one instance (<see cref="Shared"/>).</summary>
internal sealed class EventsTestNetwork
{
    public const string ChannelId = "mychannel";
    public const string Chaincode = "mycc";

    private static readonly Lazy<EventsTestNetwork> LazyShared = new(() => new EventsTestNetwork());

    private EventsTestNetwork()
    {
        // Shared by every test for the process's lifetime, so never disposed.
        var sample = new SampleChannel(ChannelId);
        var impostors = new TestOrg("Org1MSP", "impostor.example.com");
        Orderer = sample.OrdererOrg.Identity("orderer0.example.com", NodeRole.Orderer);
        Org1Client = sample.Org1.Identity("User1@org1.example.com", NodeRole.Client);
        Org1Peer = sample.Org1.Identity("peer0.org1.example.com", NodeRole.Peer);
        Org2Peer = sample.Org2.Identity("peer0.org2.example.com", NodeRole.Peer);
        ImpostorClient = impostors.Identity("User1@org1.example.com", NodeRole.Client);
        Genesis = sample.Genesis;
        Config = sample.Config;
    }

    public static EventsTestNetwork Shared => LazyShared.Value;

    /// <summary>In /Channel/Readers (through the orderer org) but not in /Channel/Application/Readers.</summary>
    public SigningIdentity Orderer { get; }

    public SigningIdentity Org1Client { get; }

    public SigningIdentity Org1Peer { get; }

    public SigningIdentity Org2Peer { get; }

    /// <summary>Claims Org1MSP but is issued by a CA the channel does not trust.</summary>
    public SigningIdentity ImpostorClient { get; }

    /// <summary>The genesis block as produced; tests clone it, since a store's blocks must not be shared mutably.</summary>
    public Block Genesis { get; }

    public ChannelConfig Config { get; }
}
