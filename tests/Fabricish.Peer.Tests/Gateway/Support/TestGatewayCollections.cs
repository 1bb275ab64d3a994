using Fabricish.Channels.Config;
using Fabricish.Channels.PrivateData;
using Fabricish.Peer.Gateway;
using Fabricish.Protos.Peer;
using Fabricish.Testing.Policies;

namespace Fabricish.Peer.Tests.Gateway.Support;

/// <summary>Collections the test declares for a chaincode, each with the member organisations of its policy.</summary>
internal sealed class TestGatewayCollections : IGatewayCollections
{
    private readonly Dictionary<string, CollectionConfigPackage> _packages = new(StringComparer.Ordinal);

    /// <param name="memberPolicy">The collection's member policy in Fabric's syntax, e.g. <c>OR('Org1MSP.member')</c>.</param>
    /// <param name="endorsementPolicy">The collection's own endorsement policy in the same syntax; none when null.</param>
    public TestGatewayCollections Add(string chaincode, string collection, string memberPolicy, string? endorsementPolicy = null)
    {
        if (!_packages.TryGetValue(chaincode, out CollectionConfigPackage? package))
        {
            package = new CollectionConfigPackage();
            _packages[chaincode] = package;
        }

        package.Config.Add(new CollectionConfig
        {
            StaticCollectionConfig = new StaticCollectionConfig
            {
                Name = collection,
                MemberOrgsPolicy = new CollectionPolicyConfig { SignaturePolicy = DefinedEndorsementPolicies.SignaturePolicy(memberPolicy).SignaturePolicy },
                MaximumPeerCount = 1,
                EndorsementPolicy = endorsementPolicy is null ? null : DefinedEndorsementPolicies.SignaturePolicy(endorsementPolicy),
            },
        });
        return this;
    }

    public ChaincodeCollections? Collections(ChannelConfig config, string chaincode) =>
        new(chaincode, _packages.GetValueOrDefault(chaincode), config.Application?.Organizations.Select(o => o.MspId) ?? [], "Org1MSP");
}
