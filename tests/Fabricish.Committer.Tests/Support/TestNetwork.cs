using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Profile;
using Fabricish.Channels.Genesis;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Testing;

namespace Fabricish.Committer.Tests.Support;

/// <summary>The sample TwoOrgsChannel on fresh CAs, with the identities the committer tests sign with. Creating CAs
/// and keys is slow, so tests share one instance (<see cref="Shared"/>).</summary>
internal sealed class TestNetwork
{
    public const string ChannelId = "mychannel";
    public const string Chaincode = "mycc";
    public const string BothOrgsPolicy = "AND('Org1MSP.peer','Org2MSP.peer')";

    private static readonly Lazy<TestNetwork> LazyShared = new(() => new TestNetwork());

    private TestNetwork()
    {
        OrdererOrg = new TestOrg("OrdererMSP", "example.com");
        Org1 = new TestOrg("Org1MSP", "org1.example.com");
        Org2 = new TestOrg("Org2MSP", "org2.example.com");
        Outsider = new TestOrg("Org1MSP", "impostor.example.com");
        Orderer = OrdererOrg.Identity("orderer0.example.com", NodeRole.Orderer);
        Org1Client = Org1.Identity("User1@org1.example.com", NodeRole.Client);
        Org1Admin = Org1.Identity("Admin@org1.example.com", NodeRole.Admin);
        Org1Peer = Org1.Identity("peer0.org1.example.com", NodeRole.Peer);
        Org2Peer = Org2.Identity("peer0.org2.example.com", NodeRole.Peer);
        Org2Admin = Org2.Identity("Admin@org2.example.com", NodeRole.Admin);
        ImpostorClient = Outsider.Identity("User1@org1.example.com", NodeRole.Client);

        string yaml = Path.Combine(Testing.RepoPaths.Root, "samples", "network", "channel.yaml");
        ConfigResult<ChannelProfile> profile = ChannelProfileLoader.LoadFile(yaml, "TwoOrgsChannel", "/crypto");
        Assert.True(profile.IsOk, profile.Error);
        ConfigResult<ConfigGroup> group = ChannelGroupBuilder.Build(profile.Value!, MspFor);
        Assert.True(group.IsOk, group.Error);
        ConfigResult<Block> genesis = GenesisBlockBuilder.Build(ChannelId, group.Value!);
        Assert.True(genesis.IsOk, genesis.Error);
        Genesis = genesis.Value!;
        ConfigResult<ChannelConfig> config = ChannelConfig.FromBlock(Genesis);
        Assert.True(config.IsOk, config.Error);
        Config = config.Value!;
    }

    public static TestNetwork Shared => LazyShared.Value;

    public TestOrg OrdererOrg { get; }

    public TestOrg Org1 { get; }

    public TestOrg Org2 { get; }

    /// <summary>A CA that claims to be Org1MSP but is not the channel's Org1 root.</summary>
    public TestOrg Outsider { get; }

    public SigningIdentity Orderer { get; }

    public SigningIdentity Org1Client { get; }

    public SigningIdentity Org1Admin { get; }

    public SigningIdentity Org1Peer { get; }

    public SigningIdentity Org2Peer { get; }

    public SigningIdentity Org2Admin { get; }

    public SigningIdentity ImpostorClient { get; }

    /// <summary>The genesis block as produced; tests clone it before committing, since committing writes metadata.</summary>
    public Block Genesis { get; }

    public ChannelConfig Config { get; }

    private ConfigResult<Protos.Msp.MSPConfig> MspFor(OrganizationSpec org) => org.Id switch
    {
        "OrdererMSP" => ConfigResult<Protos.Msp.MSPConfig>.Ok(OrdererOrg.MspConfig()),
        "Org1MSP" => ConfigResult<Protos.Msp.MSPConfig>.Ok(Org1.MspConfig()),
        "Org2MSP" => ConfigResult<Protos.Msp.MSPConfig>.Ok(Org2.MspConfig()),
        _ => ConfigResult<Protos.Msp.MSPConfig>.Fail($"no test MSP for {org.Id}"),
    };
}
