using Fabricish.Channels.PrivateData;
using Fabricish.Endorser.PrivateData;
using Fabricish.Ledger.State;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Peer;
using Fabricish.Testing.Policies;

namespace Fabricish.Endorser.Tests.FabricShim;

/// <summary>The collections of samples/privatedata (collections_config.json: Org1Secrets of Org1, SharedSecrets of
/// Org1 and Org2, member-only) for one chaincode, and a dissemination that keeps the last private write set instead
/// of pushing it, so a test can compare and commit it.</summary>
internal sealed class RecordingPrivateData(string chaincode) : IPrivateDataSupport
{
    private static readonly CollectionConfigPackage Package = new()
    {
        Config =
        {
            Collection("Org1Secrets", "OR('Org1MSP.member')", required: 0, memberOnly: false),
            Collection("SharedSecrets", "OR('Org1MSP.member', 'Org2MSP.member')", required: 1, memberOnly: true),
        },
    };

    public TxPvtReadWriteSet? Last { get; private set; }

    public ChaincodeCollections? GetCollections(EndorserChannel channel, string name) =>
        name == chaincode ? new ChaincodeCollections(name, Package, ["Org1MSP", "Org2MSP"], "Org1MSP") : null;

    public Task<string?> DistributeAsync(EndorserChannel channel, string txId, TxPvtReadWriteSet privateData, Height? endorsedAt, CancellationToken cancellationToken)
    {
        Last = privateData;
        return Task.FromResult<string?>(null);
    }

    /// <summary>The private write set of the last endorsement, and forgets it.</summary>
    public TxPvtReadWriteSet? Take()
    {
        TxPvtReadWriteSet? last = Last;
        Last = null;
        return last;
    }

    private static CollectionConfig Collection(string name, string policy, int required, bool memberOnly) => new()
    {
        StaticCollectionConfig = new StaticCollectionConfig
        {
            Name = name,
            MemberOrgsPolicy = new CollectionPolicyConfig { SignaturePolicy = DefinedEndorsementPolicies.SignaturePolicy(policy).SignaturePolicy },
            RequiredPeerCount = required,
            MaximumPeerCount = 1,
            MemberOnlyRead = memberOnly,
            MemberOnlyWrite = memberOnly,
        },
    };
}
