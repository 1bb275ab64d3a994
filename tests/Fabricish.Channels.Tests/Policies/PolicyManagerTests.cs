using Fabricish.Channels.Policies;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Channels.Tests.Policies;

public class PolicyManagerTests
{
    private readonly FakeMsps _msps = new("Org1MSP", "Org2MSP", "Org3MSP", "OrdererMSP");
    private readonly FakeIdentity _org1;
    private readonly FakeIdentity _org2;
    private readonly FakeIdentity _org3;
    private readonly FakeIdentity _org1Admin;
    private readonly FakeIdentity _org2Admin;
    private readonly FakeIdentity _orderer;

    public PolicyManagerTests()
    {
        _org1 = _msps.Issue("Org1MSP", "user.org1", MSPRole.Types.MSPRoleType.Client);
        _org2 = _msps.Issue("Org2MSP", "user.org2", MSPRole.Types.MSPRoleType.Client);
        _org3 = _msps.Issue("Org3MSP", "user.org3", MSPRole.Types.MSPRoleType.Client);
        _org1Admin = _msps.Issue("Org1MSP", "admin.org1", MSPRole.Types.MSPRoleType.Admin);
        _org2Admin = _msps.Issue("Org2MSP", "admin.org2", MSPRole.Types.MSPRoleType.Admin);
        _orderer = _msps.Issue("OrdererMSP", "orderer0", MSPRole.Types.MSPRoleType.Orderer);
    }

    [Theory]
    [InlineData("/Channel/Readers", "ANY Readers")]
    [InlineData("/Channel/Writers", "ANY Writers")]
    [InlineData("/Channel/Application/Writers", "ALL Writers")]
    [InlineData("/Channel/Application/Org1MSP/Admins", "OR('Org1MSP.admin')")]
    [InlineData("/Channel/Orderer/BlockValidation", "ANY Writers")]
    [InlineData("Application/Admins", "MAJORITY Admins")]
    [InlineData("Readers", "ANY Readers")]
    public void Policies_resolve_by_absolute_or_root_relative_path(string path, string description)
    {
        var manager = Build();

        Assert.True(manager.TryGetPolicy(path, out var policy));
        Assert.Equal(description, policy.Description);
        Assert.StartsWith("/Channel/", policy.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_path_is_not_found_and_its_stand_in_rejects_everything()
    {
        var manager = Build();

        Assert.False(manager.TryGetPolicy("/Channel/Application/Org9MSP/Admins", out _));
        var result = manager.GetPolicy("/Channel/Nope").Evaluate([FakeMsps.Signed(_org1Admin)]);
        Assert.False(result.Satisfied);
        Assert.StartsWith("no such policy /Channel/Nope", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void All_needs_every_org_and_names_the_org_that_is_missing()
    {
        var writers = Build().GetPolicy(PolicyManager.ApplicationWriters);

        var result = writers.Evaluate([FakeMsps.Signed(_org1), FakeMsps.Signed(_org3)]);

        Assert.False(result.Satisfied);
        Assert.StartsWith(
            "policy /Channel/Application/Writers (ALL Writers) not satisfied: needed 3 of 3 sub-policies, got 2: "
            + "Org2MSP.Writers unsatisfied (no valid signature from Org2MSP.member)",
            result.Reason,
            StringComparison.Ordinal);
        Assert.True(writers.Evaluate([FakeMsps.Signed(_org1), FakeMsps.Signed(_org2), FakeMsps.Signed(_org3)]).Satisfied);
    }

    [Fact]
    public void Majority_needs_more_than_half_of_the_orgs()
    {
        var admins = Build().GetPolicy(PolicyManager.ApplicationAdmins);

        Assert.False(admins.Evaluate([FakeMsps.Signed(_org1Admin)]).Satisfied);
        Assert.False(admins.Evaluate([FakeMsps.Signed(_org1Admin), FakeMsps.Signed(_org2)]).Satisfied);
        Assert.True(admins.Evaluate([FakeMsps.Signed(_org1Admin), FakeMsps.Signed(_org2Admin)]).Satisfied);
    }

    [Fact]
    public void Any_over_nested_implicit_meta_policies_reaches_the_org_signature_policies()
    {
        var manager = Build();

        Assert.True(manager.GetPolicy(PolicyManager.ChannelReaders).Evaluate([FakeMsps.Signed(_org3)]).Satisfied);
        Assert.True(manager.GetPolicy(PolicyManager.ChannelWriters).Evaluate([FakeMsps.Signed(_orderer)]).Satisfied);
        Assert.True(manager.GetPolicy(PolicyManager.BlockValidation).Evaluate([FakeMsps.Signed(_orderer)]).Satisfied);
        Assert.False(manager.GetPolicy(PolicyManager.BlockValidation).Evaluate([FakeMsps.Signed(_org1)]).Satisfied);
        Assert.False(manager.GetPolicy(PolicyManager.ChannelReaders).Evaluate([FakeMsps.Stranger("EvilMSP")]).Satisfied);
    }

    [Fact]
    public void Implicit_meta_over_a_group_without_children_is_always_satisfied()
    {
        var root = Group(policies: [("Admins", Meta("MAJORITY Admins")), ("Writers", Meta("ALL Writers"))]);
        var manager = PolicyManager.Build(root, _msps).Value!;

        Assert.True(manager.GetPolicy("/Channel/Admins").Evaluate([]).Satisfied);
        Assert.True(manager.GetPolicy("/Channel/Writers").Evaluate([]).Satisfied);
    }

    [Fact]
    public void A_child_group_without_the_sub_policy_counts_but_is_never_satisfied()
    {
        var root = Group(
            policies: [("Writers", Meta("ANY Writers"))],
            groups: [("Org1MSP", Org("Org1MSP")), ("Empty", Group())]);
        var writers = PolicyManager.Build(root, _msps).Value!.GetPolicy("Writers");

        Assert.True(writers.Evaluate([FakeMsps.Signed(_org1)]).Satisfied);
        var result = writers.Evaluate([]);
        Assert.Contains("Empty.Writers unsatisfied (not defined in the channel configuration)", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(1, 1, 1, 1)]
    [InlineData(2, 1, 2, 2)]
    [InlineData(3, 1, 3, 2)]
    [InlineData(4, 1, 4, 3)]
    public void Implicit_meta_thresholds_follow_fabric(int children, int any, int all, int majority)
    {
        Assert.Equal(any, CompiledImplicitMetaPolicy.Threshold(ImplicitMetaPolicy.Types.Rule.Any, children));
        Assert.Equal(all, CompiledImplicitMetaPolicy.Threshold(ImplicitMetaPolicy.Types.Rule.All, children));
        Assert.Equal(majority, CompiledImplicitMetaPolicy.Threshold(ImplicitMetaPolicy.Types.Rule.Majority, children));
    }

    [Fact]
    public void Pre_validated_identities_evaluate_through_implicit_meta_policies()
    {
        var writers = Build().GetPolicy(PolicyManager.ApplicationWriters);

        Assert.True(writers.EvaluateIdentities([_org1, _org2, _org3]).Satisfied);
        Assert.False(writers.EvaluateIdentities([_org1, _org1, _org3]).Satisfied);
    }

    [Fact]
    public void Policy_types_other_than_signature_and_implicit_meta_are_rejected_at_build()
    {
        var root = Group(groups: [("Application", Group(policies: [("Odd", new Policy { Type = (int)Policy.Types.PolicyType.Msp })]))]);

        var built = PolicyManager.Build(root, _msps);

        Assert.False(built.IsValid);
        Assert.Contains("policy /Channel/Application/Odd has unsupported policy type Msp", built.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_or_missing_policies_are_rejected_at_build_with_their_path()
    {
        var malformed = Group(policies: [("Readers", new Policy { Type = (int)Policy.Types.PolicyType.Signature, Value = ByteString.CopyFrom(0xFF, 0xFF) })]);
        var missing = Group(policies: [("Readers", null)]);

        Assert.Contains("policy /Channel/Readers is malformed", PolicyManager.Build(malformed, _msps).Error, StringComparison.Ordinal);
        Assert.Contains("policy /Channel/Readers is nil", PolicyManager.Build(missing, _msps).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_paths_list_every_compiled_policy()
    {
        var paths = Build().PolicyPaths;

        Assert.Contains("/Channel/Orderer/OrdererOrg/Writers", paths);
        Assert.Contains("/Channel/Application/Org3MSP/Readers", paths);
        Assert.Equal(paths.Order(StringComparer.Ordinal), paths);
    }

    private PolicyManager Build()
    {
        var channel = Group(
            policies: [("Readers", Meta("ANY Readers")), ("Writers", Meta("ANY Writers")), ("Admins", Meta("MAJORITY Admins"))],
            groups:
            [
                ("Application", Group(
                    policies: [("Readers", Meta("ANY Readers")), ("Writers", Meta("ALL Writers")), ("Admins", Meta("MAJORITY Admins"))],
                    groups: [("Org1MSP", Org("Org1MSP")), ("Org2MSP", Org("Org2MSP")), ("Org3MSP", Org("Org3MSP"))])),
                ("Orderer", Group(
                    policies: [("Readers", Meta("ANY Readers")), ("Writers", Meta("ANY Writers")), ("Admins", Meta("MAJORITY Admins")), ("BlockValidation", Meta("ANY Writers"))],
                    groups: [("OrdererOrg", Group(policies: [("Readers", Sig("OR('OrdererMSP.member')")), ("Writers", Sig("OR('OrdererMSP.orderer')")), ("Admins", Sig("OR('OrdererMSP.admin')"))]))])),
            ]);
        var built = PolicyManager.Build(channel, _msps);
        Assert.True(built.IsValid, built.Error);
        return built.Value!;
    }

    private static ConfigGroup Org(string mspId) => Group(policies:
    [
        ("Readers", Sig($"OR('{mspId}.member')")),
        ("Writers", Sig($"OR('{mspId}.member')")),
        ("Admins", Sig($"OR('{mspId}.admin')")),
    ]);

    private static ConfigGroup Group(
        (string Name, Policy? Policy)[]? policies = null, (string Name, ConfigGroup Group)[]? groups = null)
    {
        var group = new ConfigGroup { ModPolicy = "Admins" };
        foreach (var (name, policy) in policies ?? [])
        {
            group.Policies[name] = new ConfigPolicy { Policy = policy, ModPolicy = "Admins" };
        }

        foreach (var (name, child) in groups ?? [])
        {
            group.Groups[name] = child;
        }

        return group;
    }

    private static Policy Sig(string rule) => PolicyParser.ParsePolicy(PolicyParser.SignatureType, rule).Value!;

    private static Policy Meta(string rule) => PolicyParser.ParsePolicy(PolicyParser.ImplicitMetaType, rule).Value!;
}
