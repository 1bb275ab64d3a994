using Fabricish.Channels.Msp;
using Fabricish.Channels.Policies;
using Fabricish.Protos.Msp;

namespace Fabricish.Channels.Tests.Policies;

public class SignaturePolicyEvaluationTests
{
    private readonly FakeMsps _msps = new("Org1MSP", "Org2MSP", "Org3MSP");
    private readonly Dictionary<string, FakeIdentity> _people = [];

    public SignaturePolicyEvaluationTests()
    {
        _people["o1peer"] = _msps.Issue("Org1MSP", "peer0.org1", MSPRole.Types.MSPRoleType.Peer);
        _people["o1admin"] = _msps.Issue("Org1MSP", "admin.org1", MSPRole.Types.MSPRoleType.Admin);
        _people["o1client"] = _msps.Issue("Org1MSP", "user1.org1", MSPRole.Types.MSPRoleType.Client);
        _people["o2peer"] = _msps.Issue("Org2MSP", "peer0.org2", MSPRole.Types.MSPRoleType.Peer);
        _people["o2admin"] = _msps.Issue("Org2MSP", "admin.org2", MSPRole.Types.MSPRoleType.Admin);
        _people["o3peer"] = _msps.Issue("Org3MSP", "peer0.org3", MSPRole.Types.MSPRoleType.Peer);
    }

    [Theory]
    [InlineData("AND('Org1MSP.peer', 'Org2MSP.peer')", "o1peer o2peer", true)]
    [InlineData("AND('Org1MSP.peer', 'Org2MSP.peer')", "o1peer", false)]
    [InlineData("AND('Org1MSP.peer', 'Org2MSP.peer')", "o2peer o1peer", true)]
    [InlineData("OR('Org1MSP.peer', 'Org2MSP.peer')", "o2peer", true)]
    [InlineData("OR('Org1MSP.peer', 'Org2MSP.peer')", "", false)]
    [InlineData("OR('Org1MSP.peer', 'Org2MSP.peer')", "o3peer", false)]
    [InlineData("OutOf(2, 'Org1MSP.member', 'Org2MSP.member', 'Org3MSP.member')", "o1client o3peer", true)]
    [InlineData("OutOf(2, 'Org1MSP.member', 'Org2MSP.member', 'Org3MSP.member')", "o2admin", false)]
    [InlineData("OR(AND('Org1MSP.admin', 'Org2MSP.admin'), 'Org3MSP.peer')", "o1admin o2admin", true)]
    [InlineData("OR(AND('Org1MSP.admin', 'Org2MSP.admin'), 'Org3MSP.peer')", "o1admin o2peer", false)]
    [InlineData("OR(AND('Org1MSP.admin', 'Org2MSP.admin'), 'Org3MSP.peer')", "o3peer", true)]
    [InlineData("AND('Org1MSP.admin')", "o1peer", false)]
    [InlineData("AND('Org1MSP.client')", "o1client", true)]
    [InlineData("AND('Org1MSP.member', 'Org1MSP.member')", "o1peer", false)]
    [InlineData("AND('Org1MSP.member', 'Org1MSP.member')", "o1peer o1client", true)]
    [InlineData("OutOf(0, 'Org1MSP.peer')", "", true)]
    [InlineData("OutOf(3, 'Org1MSP.peer', 'Org2MSP.peer')", "o1peer o2peer o3peer", false)]
    public void Signature_policies_are_decided_by_the_valid_signers(string rule, string signers, bool satisfied)
    {
        var policy = Compile(rule);

        Assert.Equal(satisfied, policy.Evaluate(Sign(signers)).Satisfied);
        Assert.Equal(satisfied, policy.EvaluateIdentities(Identities(signers)).Satisfied);
    }

    [Fact]
    public void Greedy_matching_can_miss_a_perfect_matching_exactly_as_fabric_does()
    {
        var policy = Compile("AND('Org1MSP.member', 'Org1MSP.admin')");

        // The member leaf claims the first matching signer; if that is the admin, the admin leaf
        // finds nobody left. Fabric's cauthdsl behaves the same and peers must agree on it.
        Assert.False(policy.Evaluate(Sign("o1admin o1peer")).Satisfied);
        Assert.True(policy.Evaluate(Sign("o1peer o1admin")).Satisfied);
    }

    [Fact]
    public void A_satisfied_gate_keeps_consuming_signers_for_its_remaining_children_like_fabric()
    {
        // The OR is already satisfied by o1admin, but Fabric still evaluates its second child, which
        // consumes o1peer, leaving nothing for the final Org1MSP.member leaf.
        var policy = Compile("AND(OR('Org1MSP.admin', 'Org1MSP.peer'), 'Org1MSP.member')");

        Assert.False(policy.Evaluate(Sign("o1admin o1peer")).Satisfied);
        Assert.True(policy.Evaluate(Sign("o1admin o1peer o1client")).Satisfied);
    }

    [Fact]
    public void The_same_identity_signing_twice_counts_once()
    {
        var policy = Compile("OutOf(2, 'Org1MSP.member', 'Org1MSP.member')");
        var o1peer = _people["o1peer"];

        var result = policy.Evaluate([FakeMsps.Signed(o1peer), FakeMsps.Signed(o1peer)]);

        Assert.False(result.Satisfied);
        Assert.Contains("signature 1 repeats an earlier signer", result.Reason, StringComparison.Ordinal);
        Assert.Equal(1, o1peer.Verifications);
        Assert.Equal(1, _msps.Deserializations);
    }

    [Fact]
    public void Repeated_pre_validated_identities_also_count_once()
    {
        var policy = Compile("OutOf(2, 'Org1MSP.member', 'Org1MSP.member')");
        var o1peer = _people["o1peer"];

        Assert.False(policy.EvaluateIdentities([o1peer, o1peer]).Satisfied);
        Assert.True(policy.EvaluateIdentities([o1peer, _people["o1client"]]).Satisfied);
    }

    [Fact]
    public void A_bad_signature_is_ignored_and_named_in_the_reason()
    {
        var policy = Compile("AND('Org1MSP.peer', 'Org2MSP.peer')");

        var result = policy.Evaluate([FakeMsps.Signed(_people["o1peer"]), FakeMsps.BadlySigned(_people["o2peer"])]);

        Assert.False(result.Satisfied);
        Assert.Contains("signature 1 by Org2MSP invalid", result.Reason, StringComparison.Ordinal);
        Assert.True(policy.Evaluate([FakeMsps.BadlySigned(_people["o2peer"]), FakeMsps.Signed(_people["o1peer"]), FakeMsps.Signed(_people["o2peer"])]).Satisfied);
    }

    [Fact]
    public void A_bad_signature_does_not_shadow_a_later_good_one_by_the_same_signer()
    {
        var policy = Compile("AND('Org2MSP.peer')");

        Assert.True(policy.Evaluate([FakeMsps.BadlySigned(_people["o2peer"]), FakeMsps.Signed(_people["o2peer"])]).Satisfied);
    }

    [Fact]
    public void A_signer_from_an_msp_outside_the_channel_is_ignored_with_the_msp_reason()
    {
        var policy = Compile("OR('EvilMSP.member', 'Org1MSP.admin')");

        var result = policy.Evaluate([FakeMsps.Stranger("EvilMSP")]);

        Assert.False(result.Satisfied);
        Assert.Contains("signature 0 by EvilMSP rejected: MSP 'EvilMSP' is not a member of this channel", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reason_names_the_policy_the_threshold_and_what_was_missing()
    {
        var policy = Compile("AND('Org1MSP.peer', 'Org2MSP.peer')");

        var result = policy.Evaluate(Sign("o1peer"));

        Assert.Equal(
            "policy test endorsement (AND('Org1MSP.peer', 'Org2MSP.peer')) not satisfied: "
            + "needed 2 of [Org1MSP.peer, Org2MSP.peer], got 1 (unsatisfied: Org2MSP.peer); valid signers: Org1MSP",
            result.Reason);
    }

    [Fact]
    public void A_single_principal_policy_says_whose_signature_is_missing()
    {
        var result = Compile("OR('Org2MSP.member')").Evaluate([]);

        Assert.Contains("no valid signature from Org2MSP.member; valid signers: none", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Satisfied_results_carry_no_reason()
    {
        Assert.Equal(PolicyResult.Ok, Compile("OR('Org1MSP.peer')").Evaluate(Sign("o1peer")));
    }

    [Fact]
    public void Evaluation_with_many_signers_beyond_the_stack_buffer_still_works()
    {
        var signers = Enumerable.Range(0, 200).Select(i => _msps.Issue("Org1MSP", $"user{i}")).ToList();
        var policy = Compile("OutOf(3, 'Org1MSP.member', OR('Org2MSP.member', AND('Org1MSP.member', 'Org1MSP.member')), 'Org1MSP.member')");

        Assert.True(policy.Evaluate(signers.Select(FakeMsps.Signed).ToList()).Satisfied);
        Assert.False(policy.Evaluate(signers.Take(3).Select(FakeMsps.Signed).ToList()).Satisfied);
    }

    [Fact]
    public void Envelopes_fabric_would_refuse_do_not_compile()
    {
        var outOfRange = PolicyParser.ParseSignaturePolicy("OR('Org1MSP.peer')").Value!;
        outOfRange.Rule.NOutOf.Rules[0].SignedBy = 1;
        var versioned = PolicyParser.ParseSignaturePolicy("OR('Org1MSP.peer')").Value!;
        versioned.Version = 1;

        Assert.Contains("identity index out of range", PolicyCompiler.CompileSignaturePolicy(outOfRange, _msps, "p").Error, StringComparison.Ordinal);
        Assert.Contains("only version 0", PolicyCompiler.CompileSignaturePolicy(versioned, _msps, "p").Error, StringComparison.Ordinal);
        Assert.Contains("empty policy element", PolicyCompiler.CompileSignaturePolicy(new(), _msps, "p").Error, StringComparison.Ordinal);
    }

    private IPolicy Compile(string rule)
    {
        var envelope = PolicyParser.ParseSignaturePolicy(rule);
        Assert.True(envelope.IsValid, envelope.Error);
        var compiled = PolicyCompiler.CompileSignaturePolicy(envelope.Value!, _msps, "test endorsement");
        Assert.True(compiled.IsValid, compiled.Error);
        return compiled.Value!;
    }

    private List<SignedData> Sign(string signers) =>
        signers.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => FakeMsps.Signed(_people[s])).ToList();

    private List<IIdentity> Identities(string signers) =>
        signers.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => (IIdentity)_people[s]).ToList();
}
