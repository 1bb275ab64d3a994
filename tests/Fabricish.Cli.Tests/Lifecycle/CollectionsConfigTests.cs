using Fabricish.Cli.Lifecycle;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Peer;

namespace Fabricish.Cli.Tests.Lifecycle;

/// <summary>Fabric's --collections-config JSON (internal/peer/chaincode getCollectionConfigFromBytes).</summary>
public sealed class CollectionsConfigTests
{
    [Fact]
    public void A_fabric_collections_file_becomes_static_collection_configs_with_fabrics_defaults()
    {
        const string json = """
            [
              {
                "name": "assetCollection",
                "policy": "OR('Org1MSP.member', 'Org2MSP.member')",
                "requiredPeerCount": 1,
                "maxPeerCount": 2,
                "blockToLive": 1000000,
                "memberOnlyRead": true,
                "memberOnlyWrite": true
              },
              {
                "name": "Org1MSPPrivateCollection",
                "policy": "OR('Org1MSP.member')",
                "endorsementPolicy": { "signaturePolicy": "OR('Org1MSP.member')" }
              }
            ]
            """;

        CollectionConfigPackage package = CollectionsConfig.Parse(json, out string? error)!;

        Assert.Null(error);
        StaticCollectionConfig shared = package.Config[0].StaticCollectionConfig;
        Assert.Equal(("assetCollection", 1, 2, 1000000ul, true, true), (shared.Name, shared.RequiredPeerCount, shared.MaximumPeerCount, shared.BlockToLive, shared.MemberOnlyRead, shared.MemberOnlyWrite));
        Assert.Equal(
            ["Org1MSP", "Org2MSP"],
            shared.MemberOrgsPolicy.SignaturePolicy.Identities.Select(i => MSPRole.Parser.ParseFrom(i.Principal).MspIdentifier));
        Assert.Null(shared.EndorsementPolicy);
        StaticCollectionConfig org1 = package.Config[1].StaticCollectionConfig;
        Assert.Equal((0, 1, 0ul), (org1.RequiredPeerCount, org1.MaximumPeerCount, org1.BlockToLive));
        Assert.Equal(ApplicationPolicy.TypeOneofCase.SignaturePolicy, org1.EndorsementPolicy.TypeCase);
    }

    [Fact]
    public void A_collection_with_an_unparsable_member_policy_is_refused_naming_the_policy()
    {
        Assert.Null(CollectionsConfig.Parse("""[{"name":"c","policy":"OR('Org1MSP.member'"}]""", out string? error));

        Assert.StartsWith("invalid policy OR('Org1MSP.member':", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endorsement_policy_naming_both_kinds_is_refused_with_fabrics_message()
    {
        const string json = """[{"name":"c","policy":"OR('Org1MSP.member')","endorsementPolicy":{"signaturePolicy":"OR('Org1MSP.member')","channelConfigPolicy":"/Channel/Application/Endorsement"}}]""";

        Assert.Null(CollectionsConfig.Parse(json, out string? error));

        Assert.EndsWith("cannot specify both \"--signature-policy\" and \"--channel-config-policy\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_json_array_is_refused()
    {
        Assert.Null(CollectionsConfig.Parse("{\"name\":\"c\"}", out string? error));

        Assert.StartsWith("could not parse the collection configuration", error, StringComparison.Ordinal);
    }
}
