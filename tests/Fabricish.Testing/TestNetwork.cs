using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Profile;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;

namespace Fabricish.Testing;

/// <summary>The sample network on fresh in-memory CAs: the TwoOrgsChannel of samples/network (see
/// <see cref="SampleChannel"/>), the identities the tests and the bench sign with, and two organisations the channel
/// does not trust (one outside it, one impersonating Org1MSP). Creating CAs and keys is slow, so a test class (or, with
/// <see cref="Shared"/>, a whole test process) shares one.</summary>
public sealed class TestNetwork : IDisposable
{
    public const string ChannelId = "mychannel";
    public const string Chaincode = "mycc";
    public const string BothOrgsPolicy = "AND('Org1MSP.peer','Org2MSP.peer')";

    private static readonly Lazy<TestNetwork> LazyShared = new(() => new TestNetwork());

    private readonly List<IDisposable> _owned = [];
    private readonly SampleChannel _sample;

    /// <param name="channelId">The channel of <see cref="Genesis"/>; <see cref="SampleChannel.GenesisFor"/> makes others.</param>
    /// <param name="adjust">Changes the channel profile before the genesis block is built (batch size, timeout).</param>
    /// <param name="tlsRootCerts">Whether the channel's MSPs carry TLS roots (see <see cref="TestOrg.MspConfig"/>).</param>
    public TestNetwork(string channelId = ChannelId, Func<ChannelProfile, ChannelProfile>? adjust = null, bool tlsRootCerts = true)
    {
        _sample = Own(new SampleChannel(channelId, adjust, tlsRootCerts));
        Outsider = Own(new TestOrg("Org3MSP", "org3.example.com"));
        Impostor = Own(new TestOrg("Org1MSP", "impostor.example.com"));
        Orderer = Own(OrdererOrg.Identity("orderer0.example.com", NodeRole.Orderer));
        OrdererAdmin = Own(OrdererOrg.Identity("Admin@example.com", NodeRole.Admin));
        Org1Client = Own(Org1.Identity("User1@org1.example.com", NodeRole.Client));
        Org1Admin = Own(Org1.Identity("Admin@org1.example.com", NodeRole.Admin));
        Org1Peer = Own(Org1.Identity("peer0.org1.example.com", NodeRole.Peer));
        Org1Peer1 = Own(Org1.Identity("peer1.org1.example.com", NodeRole.Peer));
        Org2Peer = Own(Org2.Identity("peer0.org2.example.com", NodeRole.Peer));
        Org2Admin = Own(Org2.Identity("Admin@org2.example.com", NodeRole.Admin));
        OutsiderClient = Own(Outsider.Identity("User1@org3.example.com", NodeRole.Client));
        ImpostorClient = Own(Impostor.Identity("User1@org1.example.com", NodeRole.Client));
    }

    /// <summary>One network on <see cref="ChannelId"/> for the whole test process; never disposed, as the process
    /// ends with it.</summary>
    public static TestNetwork Shared => LazyShared.Value;

    public SampleChannel Channel => _sample;

    public TestOrg OrdererOrg => _sample.OrdererOrg;

    public TestOrg Org1 => _sample.Org1;

    public TestOrg Org2 => _sample.Org2;

    /// <summary>Org3MSP: an organisation on no channel of this network.</summary>
    public TestOrg Outsider { get; }

    /// <summary>A CA that claims to be Org1MSP but is not the channel's Org1 root.</summary>
    public TestOrg Impostor { get; }

    /// <summary>In /Channel/Readers (through the orderer org) but not in /Channel/Application/Readers.</summary>
    public SigningIdentity Orderer { get; }

    public SigningIdentity OrdererAdmin { get; }

    public SigningIdentity Org1Client { get; }

    public SigningIdentity Org1Admin { get; }

    public SigningIdentity Org1Peer { get; }

    public SigningIdentity Org1Peer1 { get; }

    public SigningIdentity Org2Peer { get; }

    public SigningIdentity Org2Admin { get; }

    public SigningIdentity OutsiderClient { get; }

    /// <summary>Claims Org1MSP but is issued by a CA the channel does not trust.</summary>
    public SigningIdentity ImpostorClient { get; }

    public ChannelProfile Profile => _sample.Profile;

    public ConfigGroup ChannelGroup => _sample.ChannelGroup;

    /// <summary>The genesis block as produced; clone it before committing it or handing it to a store that may keep
    /// it, since committing writes metadata.</summary>
    public Block Genesis => _sample.Genesis;

    public ChannelConfig Config => _sample.Config;

    /// <summary>A chain that cuts its blocks after a copy of <see cref="Genesis"/>.</summary>
    public TestChain NewChain() => new(Genesis.Clone());

    /// <summary>Disposes <paramref name="disposable"/> with the network.</summary>
    public T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }
}
