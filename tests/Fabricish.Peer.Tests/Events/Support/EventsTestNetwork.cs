using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Profile;
using Fabricish.Channels.Genesis;
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

    private readonly TestOrg _ordererOrg = new("OrdererMSP", "example.com");
    private readonly TestOrg _org1 = new("Org1MSP", "org1.example.com");
    private readonly TestOrg _org2 = new("Org2MSP", "org2.example.com");

    private EventsTestNetwork()
    {
        var impostors = new TestOrg("Org1MSP", "impostor.example.com");
        Orderer = _ordererOrg.Identity("orderer0.example.com", NodeRole.Orderer);
        Org1Client = _org1.Identity("User1@org1.example.com", NodeRole.Client);
        Org1Peer = _org1.Identity("peer0.org1.example.com", NodeRole.Peer);
        Org2Peer = _org2.Identity("peer0.org2.example.com", NodeRole.Peer);
        ImpostorClient = impostors.Identity("User1@org1.example.com", NodeRole.Client);

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

    private ConfigResult<Protos.Msp.MSPConfig> MspFor(OrganizationSpec org) => org.Id switch
    {
        "OrdererMSP" => ConfigResult<Protos.Msp.MSPConfig>.Ok(_ordererOrg.MspConfig()),
        "Org1MSP" => ConfigResult<Protos.Msp.MSPConfig>.Ok(_org1.MspConfig()),
        "Org2MSP" => ConfigResult<Protos.Msp.MSPConfig>.Ok(_org2.MspConfig()),
        _ => ConfigResult<Protos.Msp.MSPConfig>.Fail($"no test MSP for {org.Id}"),
    };
}
