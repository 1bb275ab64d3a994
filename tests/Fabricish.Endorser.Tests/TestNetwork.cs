using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Profile;
using Fabricish.Channels.Genesis;
using Fabricish.Channels.Msp;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;
using Fabricish.Protos.Common;
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
        OrdererOrg = Own(new TestOrg("OrdererMSP", "example.com"));
        Org1 = Own(new TestOrg("Org1MSP", "org1.example.com"));
        Org2 = Own(new TestOrg("Org2MSP", "org2.example.com"));
        Outsider = Own(new TestOrg("Org3MSP", "org3.example.com"));
        Org1Client = Own(Org1.Identity("User1@org1.example.com", NodeRole.Client));
        Org1Peer = Own(Org1.Identity("peer0.org1.example.com", NodeRole.Peer));
        OutsiderClient = Own(Outsider.Identity("User1@org3.example.com", NodeRole.Client));

        string yaml = Path.Combine(Fabricish.Testing.RepoPaths.Root, "samples", "network", "channel.yaml");
        ConfigResult<ChannelProfile> profile = ChannelProfileLoader.LoadFile(yaml, "TwoOrgsChannel", "/crypto");
        Assert.True(profile.IsOk, profile.Error);
        ConfigResult<ConfigGroup> group = ChannelGroupBuilder.Build(profile.Value!, MspFor);
        Assert.True(group.IsOk, group.Error);
        ConfigResult<Block> genesis = GenesisBlockBuilder.Build(ChannelId, group.Value!);
        Assert.True(genesis.IsOk, genesis.Error);
        ConfigResult<ChannelConfig> config = ChannelConfig.FromBlock(genesis.Value!);
        Assert.True(config.IsOk, config.Error);
        State = state ?? new InMemoryStateDatabase();
        Channel = new EndorserChannel(config.Value!, State, Committed, commitLock: commitLock);
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

    private ConfigResult<Protos.Msp.MSPConfig> MspFor(OrganizationSpec org) => org.Id switch
    {
        "OrdererMSP" => ConfigResult<Protos.Msp.MSPConfig>.Ok(OrdererOrg.MspConfig(tlsRootCerts: false)),
        "Org1MSP" => ConfigResult<Protos.Msp.MSPConfig>.Ok(Org1.MspConfig(tlsRootCerts: false)),
        "Org2MSP" => ConfigResult<Protos.Msp.MSPConfig>.Ok(Org2.MspConfig(tlsRootCerts: false)),
        _ => ConfigResult<Protos.Msp.MSPConfig>.Fail($"no test MSP for {org.Id}"),
    };
}
