using Fabricish.Channels.Policies;
using Fabricish.Peer.Gateway;
using Fabricish.Peer.Tests.Events.Support;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Fabricish.Testing;

namespace Fabricish.Peer.Tests.Gateway;

/// <summary>Which organisation sets satisfy an endorsement policy, as the gateway plans endorsement.</summary>
public sealed class EndorsementLayoutsTests
{
    [Theory]
    [InlineData("AND('Org1MSP.peer','Org2MSP.peer')", "Org1MSP, Org2MSP")]
    [InlineData("OR('Org1MSP.peer','Org2MSP.peer')", "Org1MSP | Org2MSP")]
    [InlineData("OutOf(2,'Org1MSP.peer','Org2MSP.peer','Org3MSP.peer')", "Org1MSP, Org2MSP | Org1MSP, Org3MSP | Org2MSP, Org3MSP")]
    [InlineData("OR(AND('Org1MSP.peer','Org2MSP.peer'),'Org1MSP.member')", "Org1MSP")]
    [InlineData("AND('Org1MSP.peer','Org1MSP.admin')", "2 peers of Org1MSP")]
    public void Signature_policies_give_their_minimal_organisation_sets(string rule, string expected)
    {
        PolicyParseResult<SignaturePolicyEnvelope> parsed = PolicyParser.ParseSignaturePolicy(rule);

        IReadOnlyList<EndorsementLayout>? layouts = EndorsementLayouts.Compute(new ApplicationPolicy { SignaturePolicy = parsed.Value }, TestNetwork.Shared.Config, out string? error);

        Assert.Null(error);
        Assert.Equal(expected, string.Join(" | ", layouts!.Select(l => l.ToString()).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void A_channel_policy_reference_resolves_the_implicit_meta_rule_over_the_organisations()
    {
        IReadOnlyList<EndorsementLayout>? layouts = EndorsementLayouts.Compute(
            new ApplicationPolicy { ChannelConfigPolicyReference = "/Channel/Application/Endorsement" }, TestNetwork.Shared.Config, out string? error);

        Assert.Null(error);
        Assert.Equal("Org1MSP, Org2MSP", Assert.Single(layouts!).ToString());
    }

    [Fact]
    public void An_any_rule_over_the_organisations_needs_one_of_them()
    {
        IReadOnlyList<EndorsementLayout>? layouts = EndorsementLayouts.Compute(
            new ApplicationPolicy { ChannelConfigPolicyReference = "/Channel/Application/Writers" }, TestNetwork.Shared.Config, out _);

        Assert.Equal(new[] { "Org1MSP", "Org2MSP" }, layouts!.Select(l => l.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_reference_to_a_missing_policy_is_an_error_naming_it()
    {
        IReadOnlyList<EndorsementLayout>? layouts = EndorsementLayouts.Compute(
            new ApplicationPolicy { ChannelConfigPolicyReference = "/Channel/Application/NoSuchPolicy" }, TestNetwork.Shared.Config, out string? error);

        Assert.Null(layouts);
        Assert.Contains("/Channel/Application/NoSuchPolicy", error, StringComparison.Ordinal);
    }
}
