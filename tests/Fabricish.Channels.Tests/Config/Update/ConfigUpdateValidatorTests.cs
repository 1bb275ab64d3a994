using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Update;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Transactions;
using Google.Protobuf;

namespace Fabricish.Channels.Tests.Config.Update;

/// <summary>Fabric's configtx rules as orderer and peers share them: what an update may change, whose signatures it
/// needs, the configuration it leads to, and whether a CONFIG transaction's configuration follows from its update.</summary>
public sealed class ConfigUpdateValidatorTests
{
    // Read, never changed: one network serves every test of the process.
    private readonly TestNetwork _channel = TestNetwork.Shared;

    private const string Org1AnchorPeersKey = "[Value]  /Channel/Application/Org1MSP/AnchorPeers";

    private ConfigUpdateValidator Validator => ConfigUpdateValidator.For(_channel.Config);

    [Fact]
    public void An_anchor_peer_update_signed_by_its_orgs_admin_leads_to_the_config_with_only_that_value_one_version_up()
    {
        ConfigUpdateEnvelope update = ConfigUpdateSignatures.Envelope(SetOrg1AnchorPeer("peer1.org1.example.com"), _channel.Org1Admin);

        ConfigResult<Protos.Common.Config> next = Validator.ProposeConfigUpdate(update);

        Assert.True(next.IsOk, next.Error);
        Assert.Equal(ExpectedWithOrg1AnchorPeer("peer1.org1.example.com"), next.Value);
        Assert.Null(Validator.Validate(ConfigTransactionEnvelopes.ConfigTx(update, next.Value!)));
    }

    [Fact]
    public void An_anchor_peer_update_signed_by_another_orgs_admin_names_the_orgs_admins_policy()
    {
        ConfigResult<Protos.Common.Config> next = Validator.ProposeConfigUpdate(ConfigUpdateSignatures.Envelope(SetOrg1AnchorPeer("peer1.org1.example.com"), _channel.Org2Admin));

        Assert.StartsWith(
            $"error authorizing update: error validating DeltaSet: policy for {Org1AnchorPeersKey} not satisfied: policy /Channel/Application/Org1MSP/Admins",
            next.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public void An_orderer_value_needs_the_orderer_admins_whatever_the_application_admins_sign()
    {
        ConfigUpdate update = SetValue(["Orderer"], "BatchSize", new BatchSize { MaxMessageCount = 3, AbsoluteMaxBytes = 1024 * 1024, PreferredMaxBytes = 1024 });

        ConfigResult<Protos.Common.Config> byOrgs = Validator.ProposeConfigUpdate(ConfigUpdateSignatures.Envelope(update, _channel.Org1Admin, _channel.Org2Admin));
        ConfigResult<Protos.Common.Config> byOrderer = Validator.ProposeConfigUpdate(ConfigUpdateSignatures.Envelope(update, _channel.OrdererAdmin));

        Assert.Contains("policy for [Value]  /Channel/Orderer/BatchSize not satisfied: policy /Channel/Orderer/Admins", byOrgs.Error, StringComparison.Ordinal);
        Assert.True(byOrderer.IsOk, byOrderer.Error);
    }

    [Fact]
    public void Removing_an_org_bumps_the_application_group_and_needs_a_majority_of_org_admins()
    {
        ConfigUpdate update = ComputeUpdate.ChangeMembers(
            TestNetwork.ChannelId, _channel.Config.CloneConfig().ChannelGroup, "Application", application => application.Groups.Remove("Org2MSP"));

        ConfigResult<Protos.Common.Config> byOne = Validator.ProposeConfigUpdate(ConfigUpdateSignatures.Envelope(update, _channel.Org1Admin));
        ConfigResult<Protos.Common.Config> byBoth = Validator.ProposeConfigUpdate(ConfigUpdateSignatures.Envelope(update, _channel.Org1Admin, _channel.Org2Admin));

        Assert.Contains("policy for [Group]  /Channel/Application not satisfied: policy /Channel/Application/Admins", byOne.Error, StringComparison.Ordinal);
        Assert.True(byBoth.IsOk, byBoth.Error);
        Assert.Equal(["Org1MSP"], byBoth.Value!.ChannelGroup.Groups["Application"].Groups.Keys);
        Assert.Equal(1UL, byBoth.Value.ChannelGroup.Groups["Application"].Version);
    }

    [Fact]
    public void A_config_that_does_not_follow_from_its_last_update_is_refused()
    {
        ConfigUpdateEnvelope update = ConfigUpdateSignatures.Envelope(SetOrg1AnchorPeer("peer1.org1.example.com"), _channel.Org1Admin);

        string? reason = Validator.Validate(ConfigTransactionEnvelopes.ConfigTx(update, ExpectedWithOrg1AnchorPeer("peer9.org1.example.com")));

        Assert.Equal("ConfigEnvelope LastUpdate did not produce the supplied config result", reason);
    }

    [Fact]
    public void A_config_at_other_than_the_next_sequence_is_refused_before_its_update_is_looked_at()
    {
        Protos.Common.Config same = _channel.Config.CloneConfig();

        string? reason = Validator.Validate(new ConfigEnvelope { Config = same });

        Assert.Equal("config currently at sequence 0, cannot validate config at sequence 0", reason);
    }

    [Fact]
    public void A_last_update_that_is_not_a_config_update_is_refused_naming_its_type()
    {
        ConfigUpdateEnvelope update = ConfigUpdateSignatures.Envelope(SetOrg1AnchorPeer("peer1.org1.example.com"), _channel.Org1Admin);
        var envelope = new ConfigEnvelope { Config = ExpectedWithOrg1AnchorPeer("peer1.org1.example.com"), LastUpdate = ConfigTransactionEnvelopes.Wrapped(HeaderType.EndorserTransaction, update) };

        string? reason = Validator.Validate(envelope);

        Assert.Equal("error converting last update to config update: invalid type ENDORSER_TRANSACTION, expected CONFIG_UPDATE", reason);
    }

    [Fact]
    public void A_new_element_written_above_version_zero_is_refused()
    {
        ConfigUpdate update = SetOrg1AnchorPeer("peer1.org1.example.com");
        update.WriteSet.Groups["Application"].Groups["Org1MSP"].Values.Add("Extra", new ConfigValue { Version = 1, ModPolicy = "Admins" });

        ConfigResult<Protos.Common.Config> next = Validator.ProposeConfigUpdate(ConfigUpdateSignatures.Envelope(update, _channel.Org1Admin));

        Assert.EndsWith("attempted to set key [Value]  /Channel/Application/Org1MSP/Extra to version 1, but key does not exist", next.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_element_name_with_illegal_characters_is_refused()
    {
        ConfigUpdate update = SetOrg1AnchorPeer("peer1.org1.example.com");
        update.WriteSet.Groups["Application"].Groups["Org1MSP"].Values.Add("bad name", new ConfigValue { ModPolicy = "Admins" });

        ConfigResult<Protos.Common.Config> next = Validator.ProposeConfigUpdate(ConfigUpdateSignatures.Envelope(update, _channel.Org1Admin));

        Assert.Equal(
            "error authorizing update: error mapping WriteSet: illegal characters in key: [Value]  /Channel/Application/Org1MSP/bad name: config ID 'bad name' contains illegal characters",
            next.Error);
    }

    [Fact]
    public void A_changed_element_with_an_unusable_mod_policy_is_refused()
    {
        ConfigUpdate update = SetOrg1AnchorPeer("peer1.org1.example.com");
        update.WriteSet.Groups["Application"].Groups["Org1MSP"].Values["AnchorPeers"].ModPolicy = "/Channel/../Admins";

        ConfigResult<Protos.Common.Config> next = Validator.ProposeConfigUpdate(ConfigUpdateSignatures.Envelope(update, _channel.Org1Admin));

        Assert.EndsWith(
            $"invalid mod_policy for element {Org1AnchorPeersKey}: path element at 1 is invalid: name '..' for config ID is not allowed",
            next.Error,
            StringComparison.Ordinal);
    }

    /// <summary>Org1's AnchorPeers replaced, as configtxlator computes it: the value one version up, the groups above
    /// it at their current versions.</summary>
    private ConfigUpdate SetOrg1AnchorPeer(string host)
    {
        var anchors = new AnchorPeers();
        anchors.AnchorPeers_.Add(new AnchorPeer { Host = host, Port = 7051 });
        return SetValue(["Application", "Org1MSP"], "AnchorPeers", anchors);
    }

    private Protos.Common.Config ExpectedWithOrg1AnchorPeer(string host)
    {
        var anchors = new AnchorPeers();
        anchors.AnchorPeers_.Add(new AnchorPeer { Host = host, Port = 7051 });
        Protos.Common.Config expected = _channel.Config.CloneConfig();
        expected.Sequence = 1;
        ConfigValue value = expected.ChannelGroup.Groups["Application"].Groups["Org1MSP"].Values["AnchorPeers"];
        value.Version++;
        value.Value = anchors.ToByteString();
        return expected;
    }

    private ConfigUpdate SetValue(string[] path, string name, IMessage value) =>
        ComputeUpdate.SetValue(TestNetwork.ChannelId, _channel.Config.CloneConfig().ChannelGroup, path, name, value.ToByteString());
}
