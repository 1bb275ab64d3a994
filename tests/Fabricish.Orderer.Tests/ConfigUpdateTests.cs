using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Update;
using Fabricish.Channels.Msp;
using Fabricish.Orderer.Broadcast;
using Fabricish.Orderer.MsgProcessor;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Testing;
using Fabricish.Testing.Transactions;
using Google.Protobuf;

namespace Fabricish.Orderer.Tests;

public sealed class ConfigUpdateTests : IDisposable
{
    private const string ApplicationKey = "[Group]  /Channel/Application";

    private readonly TestNetwork _network = new();
    private readonly BroadcastHandler _handler;

    public ConfigUpdateTests()
    {
        var channel = new StandardChannel(_network.Config);
        _handler = new BroadcastHandler(id => id == TestNetwork.ChannelId ? channel : null);
    }

    public void Dispose() => _network.Dispose();

    /// <summary>Bumps the Application group's version, as configtxlator's compute-update does for a change to its
    /// membership: unchanged children sit in both sets at their current version.</summary>
    private static ConfigUpdate BumpApplication(ulong fromVersion = 0, string channelId = TestNetwork.ChannelId)
    {
        static ConfigGroup Application(ulong version, string? modPolicy)
        {
            var group = new ConfigGroup { Version = version, ModPolicy = modPolicy ?? string.Empty };
            group.Groups.Add("Org1MSP", new ConfigGroup());
            group.Groups.Add("Org2MSP", new ConfigGroup());
            return group;
        }

        var readSet = new ConfigGroup();
        readSet.Groups.Add("Application", Application(fromVersion, null));
        var writeSet = new ConfigGroup();
        writeSet.Groups.Add("Application", Application(fromVersion + 1, "Admins"));
        return new ConfigUpdate { ChannelId = channelId, ReadSet = readSet, WriteSet = writeSet };
    }

    private Envelope Submit(ConfigUpdate update, SigningIdentity submitter, params SigningIdentity[] signers)
    {
        var envelope = new ConfigUpdateEnvelope { ConfigUpdate = update.ToByteString() };
        foreach (SigningIdentity signer in signers)
        {
            envelope.Signatures.Add(ConfigUpdateSignatures.Sign(signer, envelope.ConfigUpdate));
        }

        return TestEnvelopes.Signed(submitter, type: HeaderType.ConfigUpdate, data: envelope.ToByteString());
    }

    [Fact]
    public void An_update_signed_by_a_majority_of_application_admins_is_accepted_with_the_update()
    {
        BroadcastOutcome outcome = _handler.ProcessMessage(Submit(BumpApplication(), _network.Org1Admin, _network.Org1Admin, _network.Org2Admin));

        Assert.Equal(Status.Success, outcome.Status);
        Assert.True(outcome.IsConfigUpdate);
        Assert.NotNull(outcome.ConfigUpdate);
        Assert.Equal(0ul, outcome.ConfigSequence);
    }

    [Fact]
    public void An_unsigned_update_is_refused_naming_the_element_and_its_admins_policy()
    {
        BroadcastOutcome outcome = _handler.ProcessMessage(Submit(BumpApplication(), _network.Org1Admin));

        Assert.Equal(Status.BadRequest, outcome.Status);
        Assert.StartsWith(
            $"error applying config update to existing channel 'mychannel': error authorizing update: error validating DeltaSet: policy for {ApplicationKey} not satisfied: policy /Channel/Application/Admins",
            outcome.Info,
            StringComparison.Ordinal);
    }

    [Fact]
    public void An_update_signed_by_one_of_two_org_admins_misses_the_majority()
    {
        BroadcastOutcome outcome = _handler.ProcessMessage(Submit(BumpApplication(), _network.Org1Admin, _network.Org1Admin));

        Assert.Equal(Status.BadRequest, outcome.Status);
        Assert.Contains($"policy for {ApplicationKey} not satisfied: policy /Channel/Application/Admins", outcome.Info, StringComparison.Ordinal);
    }

    [Fact]
    public void Signatures_of_non_admins_do_not_count_towards_the_admins_policy()
    {
        BroadcastOutcome outcome = _handler.ProcessMessage(Submit(BumpApplication(), _network.Org1Client, _network.Org1Client, _network.Org1Peer));

        Assert.Equal(Status.BadRequest, outcome.Status);
        Assert.Contains("/Channel/Application/Admins", outcome.Info, StringComparison.Ordinal);
    }

    [Fact]
    public void An_update_submitted_by_a_non_writer_fails_the_initial_checks_as_forbidden()
    {
        BroadcastOutcome outcome = _handler.ProcessMessage(Submit(BumpApplication(), _network.Org1Peer, _network.Org1Admin, _network.Org2Admin));

        Assert.Equal(Status.Forbidden, outcome.Status);
        Assert.StartsWith("config update for existing channel did not pass initial checks: policy /Channel/Writers", outcome.Info, StringComparison.Ordinal);
    }

    [Fact]
    public void An_update_read_at_a_stale_version_is_refused()
    {
        BroadcastOutcome outcome = _handler.ProcessMessage(Submit(BumpApplication(fromVersion: 3), _network.Org1Admin, _network.Org1Admin, _network.Org2Admin));

        Assert.Equal(Status.BadRequest, outcome.Status);
        Assert.EndsWith(
            $"error validating ReadSet: proposed update requires that key {ApplicationKey} be at version 3, but it is currently at version 0",
            outcome.Info,
            StringComparison.Ordinal);
    }

    [Fact]
    public void An_update_for_another_channel_is_refused()
    {
        BroadcastOutcome outcome = _handler.ProcessMessage(Submit(BumpApplication(channelId: "other"), _network.Org1Admin, _network.Org1Admin, _network.Org2Admin));

        Assert.Equal(Status.BadRequest, outcome.Status);
        Assert.EndsWith("error authorizing update: Update not for correct channel: other for mychannel", outcome.Info, StringComparison.Ordinal);
    }

    [Fact]
    public void An_update_that_changes_nothing_is_refused()
    {
        ConfigUpdate update = BumpApplication();
        update.WriteSet = update.ReadSet.Clone();

        BroadcastOutcome outcome = _handler.ProcessMessage(Submit(update, _network.Org1Admin, _network.Org1Admin, _network.Org2Admin));

        Assert.Equal(Status.BadRequest, outcome.Status);
        Assert.EndsWith("delta set was empty -- update would have no effect", outcome.Info, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_a_third_org_with_a_majority_of_admin_signatures_yields_a_config_envelope_signed_by_the_orderer_at_the_next_sequence()
    {
        using var org3 = new TestOrg("Org3MSP", "org3.example.com");
        using SigningIdentity org3Client = org3.Identity("User1@org3.example.com", NodeRole.Client);
        var channel = new StandardChannel(_network.Config, signer: _network.Orderer);
        ConfigUpdate update = ConfigUpdates.AddApplicationOrg(TestNetwork.ChannelId, _network.ChannelGroup, "Org3MSP", _network.Channel.NewApplicationOrg(org3));
        Envelope submitted = ConfigUpdates.Envelope(update, TestNetwork.ChannelId, _network.Org1Admin, _network.Org1Admin, _network.Org2Admin);

        ProcessResult result = channel.ProcessConfigUpdateMsg(submitted);

        Assert.Equal(Status.Success, result.Status);
        Assert.NotNull(result.Config);
        Payload payload = Payload.Parser.ParseFrom(result.Config.Payload);
        ChannelHeader header = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
        Assert.Equal(((int)HeaderType.Config, TestNetwork.ChannelId), (header.Type, header.ChannelId));
        IIdentity? signer = _network.Config.Msps.Deserialize(SignatureHeader.Parser.ParseFrom(payload.Header.SignatureHeader).Creator.Span).Identity;
        Assert.Equal(_network.Orderer.Serialize(), signer!.Serialized.ToArray());
        Assert.True(signer.Verify(result.Config.Payload.Span, result.Config.Signature.Span));

        ConfigEnvelope configEnvelope = ConfigEnvelope.Parser.ParseFrom(payload.Data);
        Assert.Equal(1ul, configEnvelope.Config.Sequence);
        Assert.Equal(submitted, configEnvelope.LastUpdate);
        ConfigGroup expected = _network.ChannelGroup.Clone();
        expected.Groups["Application"].Version = 1;
        expected.Groups["Application"].Groups.Add("Org3MSP", _network.Channel.NewApplicationOrg(org3));
        Assert.Equal(expected.Groups["Application"].Groups.Keys.Order(), configEnvelope.Config.ChannelGroup.Groups["Application"].Groups.Keys.Order());
        Assert.Equal(expected.Groups["Orderer"], configEnvelope.Config.ChannelGroup.Groups["Orderer"]);
        Assert.Equal(expected.Groups["Application"].Policies, configEnvelope.Config.ChannelGroup.Groups["Application"].Policies);

        ConfigResult<ChannelConfig> next = ChannelConfig.FromEnvelope(configEnvelope, TestNetwork.ChannelId);
        Assert.True(next.IsOk, next.Error);
        Assert.Equal(Status.Forbidden, channel.ProcessNormalMsg(TestEnvelopes.Signed(org3Client)).Status);
        Assert.Equal(Status.Success, new StandardChannel(next.Value!).ProcessNormalMsg(TestEnvelopes.Signed(org3Client)).Status);
    }

    [Fact]
    public void Adding_a_third_org_with_one_of_two_admin_signatures_is_refused_naming_the_application_admins_policy()
    {
        using var org3 = new TestOrg("Org3MSP", "org3.example.com");
        var channel = new StandardChannel(_network.Config, signer: _network.Orderer);
        ConfigUpdate update = ConfigUpdates.AddApplicationOrg(TestNetwork.ChannelId, _network.ChannelGroup, "Org3MSP", _network.Channel.NewApplicationOrg(org3));

        ProcessResult result = channel.ProcessConfigUpdateMsg(ConfigUpdates.Envelope(update, TestNetwork.ChannelId, _network.Org1Admin, _network.Org1Admin));

        Assert.Equal(Status.BadRequest, result.Status);
        Assert.Null(result.Config);
        Assert.Contains($"policy for {ApplicationKey} not satisfied: policy /Channel/Application/Admins", result.Info, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_size_update_signed_by_an_orderer_admin_changes_the_batch_size_and_nothing_else()
    {
        SigningIdentity ordererAdmin = _network.Own(_network.OrdererOrg.Identity("Admin@example.com", NodeRole.Admin));
        var channel = new StandardChannel(_network.Config, signer: _network.Orderer);
        BatchSize batchSize = new() { MaxMessageCount = 2, AbsoluteMaxBytes = 1024 * 1024, PreferredMaxBytes = 512 * 1024 };
        ConfigUpdate update = ConfigUpdates.SetBatchSize(TestNetwork.ChannelId, _network.ChannelGroup, batchSize);

        ProcessResult result = channel.ProcessConfigUpdateMsg(ConfigUpdates.Envelope(update, TestNetwork.ChannelId, ordererAdmin, ordererAdmin));

        Assert.Equal(Status.Success, result.Status);
        ConfigEnvelope configEnvelope = ConfigEnvelope.Parser.ParseFrom(Payload.Parser.ParseFrom(result.Config!.Payload).Data);
        ConfigGroup expected = _network.ChannelGroup.Clone();
        expected.Groups["Orderer"].Values["BatchSize"].Version = 1;
        expected.Groups["Orderer"].Values["BatchSize"].Value = batchSize.ToByteString();
        Assert.Equal(expected, configEnvelope.Config.ChannelGroup);
        Assert.Equal(2u, ChannelConfig.FromEnvelope(configEnvelope, TestNetwork.ChannelId).Value!.Orderer.BatchSize.MaxMessageCount);
    }

    [Fact]
    public void A_batch_size_update_signed_only_by_application_admins_is_refused_naming_the_orderer_admins_policy()
    {
        var channel = new StandardChannel(_network.Config, signer: _network.Orderer);
        ConfigUpdate update = ConfigUpdates.SetBatchSize(TestNetwork.ChannelId, _network.ChannelGroup, new BatchSize { MaxMessageCount = 2, AbsoluteMaxBytes = 1024, PreferredMaxBytes = 512 });

        ProcessResult result = channel.ProcessConfigUpdateMsg(ConfigUpdates.Envelope(update, TestNetwork.ChannelId, _network.Org1Admin, _network.Org1Admin, _network.Org2Admin));

        Assert.Equal(Status.BadRequest, result.Status);
        Assert.Contains("policy for [Value]  /Channel/Orderer/BatchSize not satisfied: policy /Channel/Orderer/Admins", result.Info, StringComparison.Ordinal);
    }

    [Fact]
    public void An_anchor_peer_update_signed_by_its_orgs_admin_alone_yields_a_config_envelope_that_peers_validate_with_the_same_rules()
    {
        var channel = new StandardChannel(_network.Config, signer: _network.Orderer);
        ConfigUpdate update = ConfigUpdates.SetAnchorPeers(TestNetwork.ChannelId, _network.ChannelGroup, "Org1MSP", "peer1.org1.example.com", 7151);

        ProcessResult result = channel.ProcessConfigUpdateMsg(ConfigUpdates.Envelope(update, TestNetwork.ChannelId, _network.Org1Admin, _network.Org1Admin));

        Assert.Equal(Status.Success, result.Status);
        ConfigEnvelope configEnvelope = ConfigEnvelope.Parser.ParseFrom(Payload.Parser.ParseFrom(result.Config!.Payload).Data);
        Assert.Null(ConfigUpdateValidator.For(_network.Config).Validate(configEnvelope));
        ConfigResult<ChannelConfig> next = ConfigSuccession.ValidateNew(_network.Config, configEnvelope);
        Assert.True(next.IsOk, next.Error);
        Assert.Equal(
            [("peer1.org1.example.com", 7151)],
            next.Value!.Application!.Organizations.Single(o => o.MspId == "Org1MSP").AnchorPeers.Select(a => (a.Host, a.Port)));
    }

    [Fact]
    public void An_anchor_peer_update_signed_by_another_orgs_admin_is_refused_naming_the_orgs_admins_policy()
    {
        var channel = new StandardChannel(_network.Config, signer: _network.Orderer);
        ConfigUpdate update = ConfigUpdates.SetAnchorPeers(TestNetwork.ChannelId, _network.ChannelGroup, "Org1MSP", "peer1.org1.example.com", 7151);

        ProcessResult result = channel.ProcessConfigUpdateMsg(ConfigUpdates.Envelope(update, TestNetwork.ChannelId, _network.Org1Admin, _network.Org2Admin));

        Assert.Equal(Status.BadRequest, result.Status);
        Assert.Contains(
            "policy for [Value]  /Channel/Application/Org1MSP/AnchorPeers not satisfied: policy /Channel/Application/Org1MSP/Admins",
            result.Info,
            StringComparison.Ordinal);
    }

    [Fact]
    public void An_update_changing_the_consensus_type_is_authorized_but_refused_as_a_successor()
    {
        SigningIdentity ordererAdmin = _network.Own(_network.OrdererOrg.Identity("Admin@example.com", NodeRole.Admin));
        var channel = new StandardChannel(_network.Config, signer: _network.Orderer);
        ConfigGroup orderer = _network.ChannelGroup.Groups["Orderer"];
        ConfigValue consensus = orderer.Values["ConsensusType"];
        var readSet = new ConfigGroup();
        readSet.Groups.Add("Orderer", new ConfigGroup { Version = orderer.Version });
        var writeSet = new ConfigGroup();
        writeSet.Groups.Add("Orderer", new ConfigGroup { Version = orderer.Version });
        writeSet.Groups["Orderer"].Values.Add("ConsensusType", new ConfigValue { Version = consensus.Version + 1, ModPolicy = consensus.ModPolicy, Value = new ConsensusType { Type = "solo" }.ToByteString() });
        var update = new ConfigUpdate { ChannelId = TestNetwork.ChannelId, ReadSet = readSet, WriteSet = writeSet };

        ProcessResult result = channel.ProcessConfigUpdateMsg(ConfigUpdates.Envelope(update, TestNetwork.ChannelId, ordererAdmin, ordererAdmin));

        Assert.Equal(Status.BadRequest, result.Status);
        Assert.EndsWith("attempted to change consensus type from kafka to solo", result.Info, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_envelope_ordered_against_an_older_config_is_recomputed_from_its_update_or_refused_once_stale()
    {
        SigningIdentity ordererAdmin = _network.Own(_network.OrdererOrg.Identity("Admin@example.com", NodeRole.Admin));
        var channel = new StandardChannel(_network.Config, signer: _network.Orderer);
        ConfigUpdate update = ConfigUpdates.SetBatchSize(TestNetwork.ChannelId, _network.ChannelGroup, new BatchSize { MaxMessageCount = 2, AbsoluteMaxBytes = 1024 * 1024, PreferredMaxBytes = 512 * 1024 });
        Envelope config = channel.ProcessConfigUpdateMsg(ConfigUpdates.Envelope(update, TestNetwork.ChannelId, ordererAdmin, ordererAdmin)).Config!;

        ProcessResult again = channel.ProcessConfigMsg(config);
        channel.Config = ChannelConfig.FromEnvelope(ConfigEnvelope.Parser.ParseFrom(Payload.Parser.ParseFrom(config.Payload).Data), TestNetwork.ChannelId).Value!;
        ProcessResult stale = channel.ProcessConfigMsg(config);

        Assert.Equal(Status.Success, again.Status);
        Assert.NotNull(again.Config);
        Assert.Equal(Status.BadRequest, stale.Status);
        Assert.EndsWith("attempt to set key [Value]  /Channel/Orderer/BatchSize to version 1, but key is at version 1", stale.Info, StringComparison.Ordinal);
    }
}
