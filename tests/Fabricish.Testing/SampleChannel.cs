using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Profile;
using Fabricish.Channels.Genesis;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Xunit;

namespace Fabricish.Testing;

/// <summary>The sample network's TwoOrgsChannel (samples/network/channel.yaml) on fresh test CAs for OrdererMSP,
/// Org1MSP and Org2MSP: the channel group, genesis block and configuration. Creating CAs is slow, so tests share
/// an instance.</summary>
public sealed class SampleChannel : IDisposable
{
    public const string ProfileName = "TwoOrgsChannel";

    private readonly bool _tlsRootCerts;

    /// <param name="adjust">Changes the profile before the channel is built (a batch size, say).</param>
    /// <param name="tlsRootCerts">Whether the MSPs carry TLS roots (see <see cref="TestOrg.MspConfig"/>).</param>
    public SampleChannel(string channelId, Func<ChannelProfile, ChannelProfile>? adjust = null, bool tlsRootCerts = true)
    {
        _tlsRootCerts = tlsRootCerts;
        string yaml = Path.Combine(RepoPaths.Root, "samples", "network", "channel.yaml");
        ConfigResult<ChannelProfile> profile = ChannelProfileLoader.LoadFile(yaml, ProfileName, "/crypto");
        Assert.True(profile.IsOk, profile.Error);
        Profile = adjust is null ? profile.Value! : adjust(profile.Value!);
        ConfigResult<ConfigGroup> group = ChannelGroupBuilder.Build(Profile, MspFor);
        Assert.True(group.IsOk, group.Error);
        ChannelGroup = group.Value!;
        ConfigResult<Block> genesis = GenesisBlockBuilder.Build(channelId, ChannelGroup);
        Assert.True(genesis.IsOk, genesis.Error);
        Genesis = genesis.Value!;
        ConfigResult<ChannelConfig> config = ChannelConfig.FromBlock(Genesis);
        Assert.True(config.IsOk, config.Error);
        Config = config.Value!;
    }

    public TestOrg OrdererOrg { get; } = new("OrdererMSP", "example.com");

    public TestOrg Org1 { get; } = new("Org1MSP", "org1.example.com");

    public TestOrg Org2 { get; } = new("Org2MSP", "org2.example.com");

    public ChannelProfile Profile { get; }

    public ConfigGroup ChannelGroup { get; }

    /// <summary>The genesis block as produced; clone it before handing it to a store that may keep it.</summary>
    public Block Genesis { get; }

    public ChannelConfig Config { get; }

    /// <summary>The test MSP of an organisation of the profile.</summary>
    public ConfigResult<MSPConfig> MspFor(OrganizationSpec org)
    {
        ArgumentNullException.ThrowIfNull(org);
        return org.Id switch
        {
            "OrdererMSP" => ConfigResult<MSPConfig>.Ok(OrdererOrg.MspConfig(_tlsRootCerts)),
            "Org1MSP" => ConfigResult<MSPConfig>.Ok(Org1.MspConfig(_tlsRootCerts)),
            "Org2MSP" => ConfigResult<MSPConfig>.Ok(Org2.MspConfig(_tlsRootCerts)),
            _ => ConfigResult<MSPConfig>.Fail($"no test MSP for {org.Id}"),
        };
    }

    public void Dispose()
    {
        Org2.Dispose();
        Org1.Dispose();
        OrdererOrg.Dispose();
    }
}
