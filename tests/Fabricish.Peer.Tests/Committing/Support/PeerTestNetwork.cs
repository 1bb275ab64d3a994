using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Profile;
using Fabricish.Channels.Genesis;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Testing;

namespace Fabricish.Peer.Tests.Committing.Support;

/// <summary>The sample TwoOrgsChannel on fresh CAs with the identities the peer tests sign with; genesis blocks of
/// Kafka channels that cut small blocks quickly (5 envelopes or 300 ms). Creating CAs and keys is slow, so one
/// instance serves a test class.</summary>
internal sealed class PeerTestNetwork : IDisposable
{
    public const string Chaincode = "mycc";
    public const string BothOrgsPolicy = "AND('Org1MSP.peer','Org2MSP.peer')";

    private readonly List<IDisposable> _owned = [];

    public PeerTestNetwork()
    {
        OrdererOrg = Own(new TestOrg("OrdererMSP", "example.com"));
        Org1 = Own(new TestOrg("Org1MSP", "org1.example.com"));
        Org2 = Own(new TestOrg("Org2MSP", "org2.example.com"));
        Orderer = Own(OrdererOrg.Identity("orderer0.example.com", NodeRole.Orderer));
        Org1Client = Own(Org1.Identity("User1@org1.example.com", NodeRole.Client));
        Org1Admin = Own(Org1.Identity("Admin@org1.example.com", NodeRole.Admin));
        Org1Peer = Own(Org1.Identity("peer0.org1.example.com", NodeRole.Peer));
        Org1Peer1 = Own(Org1.Identity("peer1.org1.example.com", NodeRole.Peer));
        Org2Peer = Own(Org2.Identity("peer0.org2.example.com", NodeRole.Peer));
        Org2Admin = Own(Org2.Identity("Admin@org2.example.com", NodeRole.Admin));
    }

    public TestOrg OrdererOrg { get; }

    public TestOrg Org1 { get; }

    public TestOrg Org2 { get; }

    public SigningIdentity Orderer { get; }

    public SigningIdentity Org1Client { get; }

    public SigningIdentity Org1Admin { get; }

    public SigningIdentity Org1Peer { get; }

    public SigningIdentity Org1Peer1 { get; }

    public SigningIdentity Org2Peer { get; }

    public SigningIdentity Org2Admin { get; }

    public Block Genesis(string channelId)
    {
        string yaml = Path.Combine(Testing.RepoPaths.Root, "samples", "network", "channel.yaml");
        ConfigResult<ChannelProfile> profile = ChannelProfileLoader.LoadFile(yaml, "TwoOrgsChannel", "/crypto");
        Assert.True(profile.IsOk, profile.Error);
        ChannelProfile quick = profile.Value! with
        {
            Orderer = profile.Value!.Orderer! with
            {
                BatchTimeout = TimeSpan.FromMilliseconds(300),
                BatchSize = new BatchSizeSpec(5, 512 * 1024, 256 * 1024),
            },
        };
        ConfigResult<ConfigGroup> group = ChannelGroupBuilder.Build(quick, MspFor);
        Assert.True(group.IsOk, group.Error);
        ConfigResult<Block> genesis = GenesisBlockBuilder.Build(channelId, group.Value!);
        Assert.True(genesis.IsOk, genesis.Error);
        return genesis.Value!;
    }

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private ConfigResult<Protos.Msp.MSPConfig> MspFor(OrganizationSpec org) => org.Id switch
    {
        "OrdererMSP" => ConfigResult<Protos.Msp.MSPConfig>.Ok(OrdererOrg.MspConfig()),
        "Org1MSP" => ConfigResult<Protos.Msp.MSPConfig>.Ok(Org1.MspConfig()),
        "Org2MSP" => ConfigResult<Protos.Msp.MSPConfig>.Ok(Org2.MspConfig()),
        _ => ConfigResult<Protos.Msp.MSPConfig>.Fail($"no test MSP for {org.Id}"),
    };
}
