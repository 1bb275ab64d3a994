using Fabricish.Channels.Config;
using Fabricish.Channels.Policies;
using Fabricish.Peer.Lifecycle;
using Fabricish.Peer.Tests.Events.Support;
using Fabricish.Protos.Common;
using Fabricish.Testing;
using Google.Protobuf;

namespace Fabricish.Peer.Tests.Lifecycle;

/// <summary>Whether the approving organisations satisfy the channel's LifecycleEndorsement policy before a definition
/// is committed.</summary>
public sealed class ApprovalPolicyTests
{
    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, false, false)]
    public void The_majority_rule_needs_both_of_two_organisations(bool org1, bool org2, bool satisfied)
    {
        string? reason = ApprovalPolicy.Check(TestNetwork.Shared.Config, Approvals(org1, org2));

        Assert.Equal(satisfied, reason is null);
    }

    [Fact]
    public void A_refusal_names_the_rule_and_the_organisations_that_did_not_approve()
    {
        string? reason = ApprovalPolicy.Check(TestNetwork.Shared.Config, Approvals(org1: true, org2: false));

        Assert.Equal(
            "chaincode definition not agreed to by enough organizations to satisfy the /Channel/Application/LifecycleEndorsement policy "
            + "(MAJORITY Endorsement: 1 of 2 approved, 2 needed): no approval from Org2MSP",
            reason);
    }

    [Theory]
    [InlineData("OR('Org1MSP.peer','Org2MSP.peer')", false, true, true)]
    [InlineData("OR('Org1MSP.peer','Org2MSP.peer')", false, false, false)]
    [InlineData("AND('Org1MSP.peer','Org2MSP.admin')", true, false, false)]
    [InlineData("AND('Org1MSP.peer','Org1MSP.admin')", true, false, true)]
    [InlineData("OutOf(1,'Org3MSP.peer')", true, true, false)]
    public void A_signature_rule_counts_each_principal_whose_organisation_approved(string rule, bool org1, bool org2, bool satisfied)
    {
        string? reason = ApprovalPolicy.Check(WithLifecycleEndorsement(rule), Approvals(org1, org2));

        Assert.Equal(satisfied, reason is null);
    }

    [Fact]
    public void A_channel_without_the_policy_cannot_commit_definitions()
    {
        Protos.Common.Config config = TestNetwork.Shared.Config.CloneConfig();
        config.ChannelGroup.Groups[ConfigKeys.ApplicationGroup].Policies.Remove(ConfigKeys.LifecycleEndorsementPolicy);

        string? reason = ApprovalPolicy.Check(ConfigOf(config), Approvals(org1: true, org2: true));

        Assert.Equal("policy '/Channel/Application/LifecycleEndorsement' must be defined for channel 'mychannel' before chaincode definitions can be committed", reason);
    }

    private static Dictionary<string, bool> Approvals(bool org1, bool org2) =>
        new(StringComparer.Ordinal) { ["Org1MSP"] = org1, ["Org2MSP"] = org2 };

    private static ChannelConfig WithLifecycleEndorsement(string rule)
    {
        PolicyParseResult<SignaturePolicyEnvelope> parsed = PolicyParser.ParseSignaturePolicy(rule);
        Assert.True(parsed.Value is not null, parsed.Error);
        Protos.Common.Config config = TestNetwork.Shared.Config.CloneConfig();
        config.ChannelGroup.Groups[ConfigKeys.ApplicationGroup].Policies[ConfigKeys.LifecycleEndorsementPolicy].Policy =
            new Policy { Type = (int)Policy.Types.PolicyType.Signature, Value = parsed.Value.ToByteString() };
        return ConfigOf(config);
    }

    private static ChannelConfig ConfigOf(Protos.Common.Config config)
    {
        ConfigResult<ChannelConfig> result = ChannelConfig.FromEnvelope(new ConfigEnvelope { Config = config }, TestNetwork.ChannelId);
        Assert.True(result.IsOk, result.Error);
        return result.Value!;
    }
}
