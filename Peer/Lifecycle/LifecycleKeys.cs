using System.Globalization;

namespace Fabricish.Peer.Lifecycle;

/// <summary>The layout of the <c>_lifecycle</c> namespace. Committed definitions use Fabric's public encoding
/// (<c>namespaces/metadata/&lt;name&gt;</c> holding a StateMetadata and <c>namespaces/fields/&lt;name&gt;/&lt;Field&gt;</c>
/// one StateData each), so the state matches a Fabric peer's. Approvals deviate: Fabric keeps each organization's
/// approvals in that organization's implicit private data collection, which Fabricish does not have; they are
/// public keys <c>approvals/&lt;MSPID&gt;/&lt;name&gt;#&lt;sequence&gt;</c> holding the approved
/// ApproveChaincodeDefinitionForMyOrgArgs (parameters and the org's package), validated against that organization's
/// Endorsement policy just as Fabric validates writes to its implicit collection.</summary>
internal static class LifecycleKeys
{
    public const string Namespace = "_lifecycle";

    public const string DefinitionDatatype = "ChaincodeDefinition";

    public const string SequenceField = "Sequence";
    public const string EndorsementInfoField = "EndorsementInfo";
    public const string ValidationInfoField = "ValidationInfo";
    public const string CollectionsField = "Collections";

    public const string MetadataPrefix = "namespaces/metadata/";
    public const string FieldsPrefix = "namespaces/fields/";
    public const string ApprovalsPrefix = "approvals/";

    /// <summary>Fabric's fields of a ChaincodeDefinition, in the order its metadata lists them.</summary>
    public static IReadOnlyList<string> DefinitionFields { get; } = [SequenceField, EndorsementInfoField, ValidationInfoField, CollectionsField];

    public static string Metadata(string chaincode) => MetadataPrefix + chaincode;

    public static string Field(string chaincode, string field) => $"{FieldsPrefix}{chaincode}/{field}";

    public static string Approval(string mspId, string chaincode, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{ApprovalsPrefix}{mspId}/{chaincode}#{sequence}");

    /// <summary>Every approval of <paramref name="mspId"/>: a key range [prefix, prefix + U+FFFF).</summary>
    public static string ApprovalsOf(string mspId) => $"{ApprovalsPrefix}{mspId}/";

    /// <summary>The organization an approval key belongs to, or null when <paramref name="key"/> is no approval key.</summary>
    public static string? ApprovingOrg(string key)
    {
        if (!key.StartsWith(ApprovalsPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        int slash = key.IndexOf('/', ApprovalsPrefix.Length);
        return slash > ApprovalsPrefix.Length ? key[ApprovalsPrefix.Length..slash] : null;
    }

    /// <summary>The chaincode whose definition <paramref name="key"/> (a metadata or field key) belongs to.</summary>
    public static string? DefinedChaincode(string key)
    {
        if (key.StartsWith(MetadataPrefix, StringComparison.Ordinal))
        {
            return key[MetadataPrefix.Length..];
        }

        if (key.StartsWith(FieldsPrefix, StringComparison.Ordinal))
        {
            int slash = key.LastIndexOf('/');
            return slash > FieldsPrefix.Length ? key[FieldsPrefix.Length..slash] : null;
        }

        return null;
    }
}
