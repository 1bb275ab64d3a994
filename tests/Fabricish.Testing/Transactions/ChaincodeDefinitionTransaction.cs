using Fabricish.Channels.Msp;
using Fabricish.Protos.Peer;
using Fabricish.Protos.Peer.Lifecycle;
using Fabricish.Testing.Policies;
using Google.Protobuf;
using StateMetadata = Fabricish.Protos.Peer.Lifecycle.StateMetadata;

namespace Fabricish.Testing.Transactions;

/// <summary>The transaction <c>peer lifecycle chaincode commit</c> ends with: <c>_lifecycle</c> writing a chaincode
/// definition the way Fabric's lifecycle Serializer stores it (a StateMetadata naming the fields under
/// <c>namespaces/metadata/&lt;name&gt;</c>, each field a StateData under <c>namespaces/fields/&lt;name&gt;/&lt;field&gt;</c>),
/// endorsed as LifecycleEndorsement needs (a majority of the application orgs' peers). Once it commits, the peers
/// validate the chaincode's transactions against the definition's signature policy, as after a real deployment.</summary>
public static class ChaincodeDefinitionTransaction
{
    public const string LifecycleNamespace = "_lifecycle";

    /// <param name="creator">The submitting client.</param>
    /// <param name="endorsers">Peers whose endorsements satisfy the channel's LifecycleEndorsement policy.</param>
    /// <param name="signaturePolicy">The definition's endorsement policy in Fabric's syntax.</param>
    public static EndorsedTransaction Create(
        SigningIdentity creator, string channelId, string chaincode, string signaturePolicy, IReadOnlyList<SigningIdentity> endorsers, string version = "1.0", long sequence = 1)
    {
        ArgumentNullException.ThrowIfNull(creator);
        ArgumentNullException.ThrowIfNull(chaincode);
        var metadata = new StateMetadata { Datatype = "ChaincodeDefinition" };
        metadata.Fields.AddRange(["Sequence", "EndorsementInfo", "ValidationInfo", "Collections"]);
        var endorsement = new ChaincodeEndorsementInfo { Version = version, EndorsementPlugin = "escc" };
        var validation = new ChaincodeValidationInfo
        {
            ValidationPlugin = "vscc",
            ValidationParameter = DefinedEndorsementPolicies.SignaturePolicy(signaturePolicy).ToByteString(),
        };
        string fields = $"namespaces/fields/{chaincode}/";
        var results = new RwSet(LifecycleNamespace)
            .Write($"namespaces/metadata/{chaincode}", metadata.ToByteString())
            .Write(fields + "Sequence", new StateData { Int64 = sequence }.ToByteString())
            .Write(fields + "EndorsementInfo", new StateData { Bytes = endorsement.ToByteString() }.ToByteString())
            .Write(fields + "ValidationInfo", new StateData { Bytes = validation.ToByteString() }.ToByteString())
            .Write(fields + "Collections", new StateData { Bytes = new CollectionConfigPackage().ToByteString() }.ToByteString());
        return new EndorsedTransaction(creator, results.Build())
        {
            ChannelId = channelId,
            Chaincode = LifecycleNamespace,
            Function = "CommitChaincodeDefinition",
            Endorsers = endorsers,
        };
    }
}
