using Fabricish.Channels.Msp;
using Fabricish.Orderer.Broadcast;
using Fabricish.Orderer.MsgProcessor;
using Fabricish.Protos.Common;
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
            envelope.Signatures.Add(TestEnvelopes.SignConfigUpdate(signer, envelope.ConfigUpdate));
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
}
