using Fabricish.Channels.Policies;
using Fabricish.Peer.Lifecycle;
using Fabricish.Protos.Peer;

namespace Fabricish.Peer.Tests.Lifecycle;

/// <summary>_lifecycle's collection checks, with Fabric's messages (core/chaincode/lifecycle validateCollectionConfigs).</summary>
public sealed class CollectionConfigValidatorTests
{
    private static readonly string[] Channel = ["Org1MSP", "Org2MSP"];

    [Fact]
    public void Collections_of_channel_orgs_with_sane_counts_are_accepted()
    {
        Assert.Null(CollectionConfigValidator.Validate(Package(Collection("shared", "OR('Org1MSP.member','Org2MSP.member')", 1, 2)), Channel));
    }

    [Fact]
    public void A_member_outside_the_channel_is_refused()
    {
        Assert.Equal(
            "collection-name: c -- collection member 'Org3MSP' is not part of the channel",
            CollectionConfigValidator.Validate(Package(Collection("c", "OR('Org1MSP.member','Org3MSP.member')", 0, 1)), Channel));
    }

    [Fact]
    public void A_member_policy_that_is_not_an_or_is_refused()
    {
        Assert.Equal(
            "collection-name: c -- error in member org policy: signature policy is not an OR concatenation, NOutOf 2",
            CollectionConfigValidator.Validate(Package(Collection("c", "AND('Org1MSP.member','Org2MSP.member')", 0, 1)), Channel));
    }

    [Fact]
    public void Duplicate_names_bad_names_and_counts_are_refused_with_fabrics_messages()
    {
        Assert.Equal(
            "collection-name: c -- found duplicate in collection configuration",
            CollectionConfigValidator.Validate(Package(Collection("c", "OR('Org1MSP.member')", 0, 1), Collection("c", "OR('Org1MSP.member')", 0, 1)), Channel));
        Assert.Equal(
            "invalid collection name '_c'. Names can only consist of alphanumerics, '_', and '-' and cannot begin with '_'",
            CollectionConfigValidator.Validate(Package(Collection("_c", "OR('Org1MSP.member')", 0, 1)), Channel));
        Assert.Equal(
            "collection-name: c -- maximum peer count (1) cannot be less than the required peer count (2)",
            CollectionConfigValidator.Validate(Package(Collection("c", "OR('Org1MSP.member')", 2, 1)), Channel));
    }

    private static CollectionConfigPackage Package(params StaticCollectionConfig[] collections)
    {
        var package = new CollectionConfigPackage();
        foreach (StaticCollectionConfig collection in collections)
        {
            package.Config.Add(new CollectionConfig { StaticCollectionConfig = collection });
        }

        return package;
    }

    private static StaticCollectionConfig Collection(string name, string policy, int required, int maximum) => new()
    {
        Name = name,
        MemberOrgsPolicy = new CollectionPolicyConfig { SignaturePolicy = PolicyParser.ParseSignaturePolicy(policy).Value },
        RequiredPeerCount = required,
        MaximumPeerCount = maximum,
    };
}
