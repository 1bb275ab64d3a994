using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Profile;
using Fabricish.Channels.Genesis;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Testing;

namespace Fabricish.Orderer.Tests;

/// <summary>
/// The sample network's TwoOrgsChannel (samples/network/channel.yaml) on fresh CAs: an orderer, Org1's client, admin
/// and peer, Org2's admin, the channel's genesis block and its parsed configuration.
/// </summary>
internal sealed class TestNetwork : IDisposable
{
    public const string ChannelId = "mychannel";

    private readonly List<IDisposable> _owned = [];
    private readonly ChannelProfile _profile;

    public TestNetwork(Func<ChannelProfile, ChannelProfile>? adjust = null)
    {
        OrdererOrg = Own(new TestOrg("OrdererMSP", "example.com"));
        Org1 = Own(new TestOrg("Org1MSP", "org1.example.com"));
        Org2 = Own(new TestOrg("Org2MSP", "org2.example.com"));
        Orderer = Own(OrdererOrg.Identity("orderer0.example.com", NodeRole.Orderer));
        Org1Client = Own(Org1.Identity("User1@org1.example.com", NodeRole.Client));
        Org1Admin = Own(Org1.Identity("Admin@org1.example.com", NodeRole.Admin));
        Org1Peer = Own(Org1.Identity("peer0.org1.example.com", NodeRole.Peer));
        Org2Admin = Own(Org2.Identity("Admin@org2.example.com", NodeRole.Admin));

        string yaml = Path.Combine(Fabricish.Testing.RepoPaths.Root, "samples", "network", "channel.yaml");
        ConfigResult<ChannelProfile> profile = ChannelProfileLoader.LoadFile(yaml, "TwoOrgsChannel", "/crypto");
        Assert.True(profile.IsOk, profile.Error);
        ChannelProfile adjusted = adjust is null ? profile.Value! : adjust(profile.Value!);
        _profile = adjusted;
        ConfigResult<ConfigGroup> group = ChannelGroupBuilder.Build(adjusted, MspFor);
        Assert.True(group.IsOk, group.Error);
        ChannelGroup = group.Value!;
        ConfigResult<Block> genesis = GenesisBlockBuilder.Build(ChannelId, ChannelGroup);
        Assert.True(genesis.IsOk, genesis.Error);
        Genesis = genesis.Value!;
        ConfigResult<ChannelConfig> config = ChannelConfig.FromBlock(Genesis);
        Assert.True(config.IsOk, config.Error);
        Config = config.Value!;
    }

    public TestOrg OrdererOrg { get; }

    public TestOrg Org1 { get; }

    public TestOrg Org2 { get; }

    public SigningIdentity Orderer { get; }

    public SigningIdentity Org1Client { get; }

    public SigningIdentity Org1Admin { get; }

    public SigningIdentity Org1Peer { get; }

    public SigningIdentity Org2Admin { get; }

    public ConfigGroup ChannelGroup { get; }

    public Block Genesis { get; }

    public ChannelConfig Config { get; }

    public static ChannelProfile WithBatchSize(ChannelProfile profile, BatchSizeSpec batchSize) =>
        profile with { Orderer = profile.Orderer! with { BatchSize = batchSize } };

    /// <summary>The Application group of <paramref name="org"/> as configtxgen would write it for this channel:
    /// Org2's definition (policies, mod_policies, version 0) with <paramref name="org"/>'s MSP and MSP ID.</summary>
    public ConfigGroup NewApplicationOrg(TestOrg org)
    {
        OrganizationSpec template = _profile.Application!.Organizations.Single(o => o.Id == "Org2MSP");
        OrganizationSpec spec = template with
        {
            Name = org.MspId,
            Id = org.MspId,
            Policies = template.Policies.ToDictionary(p => p.Key, p => p.Value with { Rule = p.Value.Rule.Replace("Org2MSP", org.MspId, StringComparison.Ordinal) }),
            AnchorPeers = [],
        };
        ChannelProfile withOrg = _profile with { Application = _profile.Application with { Organizations = [.. _profile.Application.Organizations, spec] } };
        ConfigResult<ConfigGroup> group = ChannelGroupBuilder.Build(
            withOrg, o => o.Id == org.MspId ? ConfigResult<Protos.Msp.MSPConfig>.Ok(org.MspConfig()) : MspFor(o));
        Assert.True(group.IsOk, group.Error);
        return group.Value!.Groups["Application"].Groups[org.MspId];
    }

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

    private ConfigResult<Protos.Msp.MSPConfig> MspFor(OrganizationSpec org) => org.Id switch
    {
        "OrdererMSP" => ConfigResult<Protos.Msp.MSPConfig>.Ok(OrdererOrg.MspConfig()),
        "Org1MSP" => ConfigResult<Protos.Msp.MSPConfig>.Ok(Org1.MspConfig()),
        "Org2MSP" => ConfigResult<Protos.Msp.MSPConfig>.Ok(Org2.MspConfig()),
        _ => ConfigResult<Protos.Msp.MSPConfig>.Fail($"no test MSP for {org.Id}"),
    };
}
