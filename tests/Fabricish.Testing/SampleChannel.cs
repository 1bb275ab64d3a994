using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Profile;
using Fabricish.Channels.Genesis;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;

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
        ChannelProfile profile = Require(ChannelProfileLoader.LoadFile(yaml, ProfileName, "/crypto"));
        Profile = adjust is null ? profile : adjust(profile);
        ChannelGroup = Require(ChannelGroupBuilder.Build(Profile, MspFor));
        Genesis = GenesisFor(channelId);
        Config = Require(ChannelConfig.FromBlock(Genesis));
    }

    public TestOrg OrdererOrg { get; } = new("OrdererMSP", "example.com");

    public TestOrg Org1 { get; } = new("Org1MSP", "org1.example.com");

    public TestOrg Org2 { get; } = new("Org2MSP", "org2.example.com");

    public ChannelProfile Profile { get; }

    public ConfigGroup ChannelGroup { get; }

    /// <summary>The genesis block as produced; clone it before handing it to a store that may keep it.</summary>
    public Block Genesis { get; }

    public ChannelConfig Config { get; }

    /// <summary>The profile with another batch size (and batch timeout, if given).</summary>
    public static ChannelProfile WithBatchSize(ChannelProfile profile, BatchSizeSpec batchSize, TimeSpan? batchTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        OrdererSpec orderer = profile.Orderer! with { BatchSize = batchSize };
        return profile with { Orderer = batchTimeout is { } timeout ? orderer with { BatchTimeout = timeout } : orderer };
    }

    /// <summary>The profile of a Kafka channel that cuts small blocks quickly: 5 envelopes or 300 ms.</summary>
    public static ChannelProfile SmallBlocksQuickly(ChannelProfile profile) =>
        WithBatchSize(profile, new BatchSizeSpec(5, 512 * 1024, 256 * 1024), TimeSpan.FromMilliseconds(300));

    /// <summary>The genesis block of another channel with this one's configuration (same orgs and CAs).</summary>
    public Block GenesisFor(string channelId) => Require(GenesisBlockBuilder.Build(channelId, ChannelGroup));

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

    /// <summary>The Application group of <paramref name="org"/> as configtxgen would write it for this channel:
    /// Org2's definition (policies, mod_policies, version 0) with <paramref name="org"/>'s MSP and MSP ID.</summary>
    public ConfigGroup NewApplicationOrg(TestOrg org)
    {
        ArgumentNullException.ThrowIfNull(org);
        OrganizationSpec template = Profile.Application!.Organizations.Single(o => o.Id == "Org2MSP");
        OrganizationSpec spec = template with
        {
            Name = org.MspId,
            Id = org.MspId,
            Policies = template.Policies.ToDictionary(p => p.Key, p => p.Value with { Rule = p.Value.Rule.Replace("Org2MSP", org.MspId, StringComparison.Ordinal) }),
            AnchorPeers = [],
        };
        ChannelProfile withOrg = Profile with { Application = Profile.Application with { Organizations = [.. Profile.Application.Organizations, spec] } };
        ConfigGroup group = Require(ChannelGroupBuilder.Build(withOrg, o => o.Id == org.MspId ? ConfigResult<MSPConfig>.Ok(org.MspConfig()) : MspFor(o)));
        return group.Groups["Application"].Groups[org.MspId];
    }

    public void Dispose()
    {
        Org2.Dispose();
        Org1.Dispose();
        OrdererOrg.Dispose();
    }

    // Not an xunit assertion: the bench builds channels too. A test still fails on the exception, with the reason.
    private static T Require<T>(ConfigResult<T> result)
        where T : class =>
        result.Value ?? throw new InvalidOperationException(result.Error);
}
