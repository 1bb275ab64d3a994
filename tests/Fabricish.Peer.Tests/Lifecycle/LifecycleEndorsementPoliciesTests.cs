using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Channels.Policies;
using Fabricish.Committer.Validation;
using Fabricish.Peer.Lifecycle;
using Fabricish.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabricish.Peer.Tests.Lifecycle;

/// <summary>Which policy the committer applies to <c>_lifecycle</c>'s writes (Fabric's lifecycle ValidationInfo and
/// CollectionValidationInfo): an organisation's approval, a hashed write to its implicit collection, needs that
/// organisation's Endorsement policy alone; a definition, a public write, needs LifecycleEndorsement.</summary>
public sealed class LifecycleEndorsementPoliciesTests
{
    private static TestNetwork Net => TestNetwork.Shared;

    private static readonly LifecycleEndorsementPolicies Policies = new(
        new LifecycleDefinitions(() => throw new InvalidOperationException("no channel is looked up"), "Org1MSP", NullLogger<LifecycleDefinitions>.Instance));

    [Fact]
    public void An_approval_in_an_orgs_implicit_collection_needs_that_orgs_endorsement_only()
    {
        ChannelConfig config = Net.Config;

        IPolicy org1 = Policies.GetCollectionPolicy("_lifecycle", "_implicit_org_Org1MSP", config).Policy!;
        IPolicy org2 = Policies.GetCollectionPolicy("_lifecycle", "_implicit_org_Org2MSP", config).Policy!;

        Assert.True(org1.EvaluateIdentities([Identity(config, Net.Org1Peer)]).Satisfied);
        Assert.False(org1.EvaluateIdentities([Identity(config, Net.Org2Peer)]).Satisfied);
        Assert.True(org2.EvaluateIdentities([Identity(config, Net.Org2Peer)]).Satisfied);
    }

    [Fact]
    public void A_definition_needs_LifecycleEndorsement_and_lifecycle_has_no_other_collection()
    {
        ChannelConfig config = Net.Config;

        IPolicy definitions = Policies.GetPolicy("_lifecycle", config)!;
        CollectionPolicy unknown = Policies.GetCollectionPolicy("_lifecycle", "someCollection", config);

        Assert.False(definitions.EvaluateIdentities([Identity(config, Net.Org1Peer)]).Satisfied);
        Assert.True(definitions.EvaluateIdentities([Identity(config, Net.Org1Peer), Identity(config, Net.Org2Peer)]).Satisfied);
        Assert.Equal("no such collection 'someCollection'", unknown.Problem);
    }

    private static IIdentity Identity(ChannelConfig config, SigningIdentity signer) =>
        config.Msps.Deserialize(signer.Serialize()).Identity ?? throw new InvalidOperationException("identity does not deserialize");
}
