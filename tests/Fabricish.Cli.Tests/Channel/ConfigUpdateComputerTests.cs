using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Update;
using Fabricish.Cli.Channel;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Google.Protobuf;

namespace Fabricish.Cli.Tests.Channel;

/// <summary>configtxlator's compute_update rules, proven by what the orderer's own update processing makes of the
/// result: applying the computed update to the original config gives the updated one.</summary>
public sealed class ConfigUpdateComputerTests(ChannelNetworkFixture network) : IClassFixture<ChannelNetworkFixture>
{
    private Config Original => ConfigEnvelope.Parser.ParseFrom(Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(network.Genesis.Data.Data[0]).Payload).Data).Config;

    [Fact]
    public void A_changed_value_is_written_one_version_up_without_bumping_its_groups()
    {
        Config updated = Original.Clone();
        ConfigValue batchSize = updated.ChannelGroup.Groups["Orderer"].Values["BatchSize"];
        batchSize.Value = new BatchSize { MaxMessageCount = 3, AbsoluteMaxBytes = 1024 * 1024, PreferredMaxBytes = 1024 }.ToByteString();

        ConfigUpdate update = Compute(updated);

        ConfigValue written = update.WriteSet.Groups["Orderer"].Values["BatchSize"];
        Assert.Equal((1UL, "Admins"), (written.Version, written.ModPolicy));
        Assert.Equal((0UL, 0UL), (update.WriteSet.Version, update.WriteSet.Groups["Orderer"].Version));
        Assert.Empty(update.ReadSet.Groups["Orderer"].Values);
        Assert.Equal(["Orderer"], update.WriteSet.Groups.Keys);
        AssertAppliesTo(update, updated);
    }

    [Fact]
    public void A_removed_org_bumps_its_parent_group_which_keeps_the_others_as_version_shells()
    {
        Config updated = Original.Clone();
        updated.ChannelGroup.Groups["Application"].Groups.Remove("Org2MSP");

        ConfigUpdate update = Compute(updated);

        ConfigGroup application = update.WriteSet.Groups["Application"];
        Assert.Equal(1UL, application.Version);
        Assert.Equal(["Org1MSP"], application.Groups.Keys);
        Assert.Empty(application.Groups["Org1MSP"].Values);
        Assert.Equal(application.Policies.Keys.Order(StringComparer.Ordinal), Original.ChannelGroup.Groups["Application"].Policies.Keys.Order(StringComparer.Ordinal));
        Assert.All(application.Policies.Values, p => Assert.Null(p.Policy));
        AssertAppliesTo(update, updated);
    }

    [Fact]
    public void A_changed_policy_of_an_org_is_written_alone_and_applies()
    {
        Config updated = Original.Clone();
        ConfigPolicy writers = updated.ChannelGroup.Groups["Application"].Groups["Org1MSP"].Policies["Writers"];
        writers.Policy = updated.ChannelGroup.Groups["Application"].Groups["Org1MSP"].Policies["Admins"].Policy.Clone();

        ConfigUpdate update = Compute(updated);

        ConfigGroup org1 = update.WriteSet.Groups["Application"].Groups["Org1MSP"];
        Assert.Equal(["Writers"], org1.Policies.Keys);
        Assert.Equal(1UL, org1.Policies["Writers"].Version);
        Assert.Equal(0UL, org1.Version);
        AssertAppliesTo(update, updated);
    }

    [Fact]
    public void Identical_configs_have_no_update()
    {
        ConfigUpdate? update = ConfigUpdateComputer.Compute(ChannelNetworkFixture.ChannelId, Original, Original.Clone(), out string? error);

        Assert.Null(update);
        Assert.Equal("no differences detected between original and updated config", error);
    }

    private ConfigUpdate Compute(Config updated)
    {
        ConfigUpdate? update = ConfigUpdateComputer.Compute(ChannelNetworkFixture.ChannelId, Original, updated, out string? error);
        Assert.True(update is not null, error);
        Assert.Equal(ChannelNetworkFixture.ChannelId, update.ChannelId);
        return update;
    }

    /// <summary>The orderer's applier turns the original into the updated config (versions aside).</summary>
    private void AssertAppliesTo(ConfigUpdate update, Config updated)
    {
        Config? applied = ConfigUpdateApplier.Apply(Original, update, out string? error);
        Assert.True(applied is not null, error);
        Assert.Equal(WithoutVersions(updated.ChannelGroup), WithoutVersions(applied.ChannelGroup));
        Assert.True(ChannelConfig.FromEnvelope(new ConfigEnvelope { Config = applied }, ChannelNetworkFixture.ChannelId).IsOk);
    }

    private static ConfigGroup WithoutVersions(ConfigGroup group)
    {
        var copy = new ConfigGroup { ModPolicy = group.ModPolicy };
        foreach (var (name, child) in group.Groups.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            copy.Groups[name] = WithoutVersions(child);
        }

        foreach (var (name, value) in group.Values.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            copy.Values[name] = new ConfigValue { ModPolicy = value.ModPolicy, Value = value.Value };
        }

        foreach (var (name, policy) in group.Policies.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            copy.Policies[name] = new ConfigPolicy { ModPolicy = policy.ModPolicy, Policy = policy.Policy };
        }

        return copy;
    }
}
