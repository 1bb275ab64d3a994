using System.Globalization;
using Fabricish.Channels.PrivateData;

namespace Fabricish.Peer.Lifecycle;

/// <summary>The layout of the <c>_lifecycle</c> namespace, Fabric's lifecycle Serializer. Committed definitions are
/// public: <c>namespaces/metadata/&lt;name&gt;</c> holding a StateMetadata and <c>namespaces/fields/&lt;name&gt;/&lt;Field&gt;</c>
/// one StateData each. An organization's approvals are private data in its implicit collection
/// <c>_implicit_org_&lt;MSPID&gt;</c> of <c>_lifecycle</c>, under the private name <c>&lt;name&gt;#&lt;sequence&gt;</c>: the
/// ChaincodeParameters under <c>namespaces/…</c> and the approved package (ChaincodeLocalPackage) under
/// <c>chaincode-sources/…</c>; every other peer of the channel holds only their hashes.</summary>
internal static class LifecycleKeys
{
    public const string Namespace = "_lifecycle";

    public const string DefinitionDatatype = "ChaincodeDefinition";

    public const string SequenceField = "Sequence";
    public const string EndorsementInfoField = "EndorsementInfo";
    public const string ValidationInfoField = "ValidationInfo";
    public const string CollectionsField = "Collections";

    public const string ParametersDatatype = "ChaincodeParameters";
    public const string LocalPackageDatatype = "ChaincodeLocalPackage";
    public const string PackageIdField = "PackageID";

    public const string MetadataPrefix = "namespaces/metadata/";
    public const string FieldsPrefix = "namespaces/fields/";
    public const string SourcesMetadataPrefix = "chaincode-sources/metadata/";
    public const string SourcesFieldsPrefix = "chaincode-sources/fields/";

    /// <summary>Fabric's fields of a ChaincodeDefinition, in the order its metadata lists them.</summary>
    public static IReadOnlyList<string> DefinitionFields { get; } = [SequenceField, EndorsementInfoField, ValidationInfoField, CollectionsField];

    /// <summary>Fabric's fields of ChaincodeParameters, what an organization approves besides the package.</summary>
    public static IReadOnlyList<string> ParameterFields { get; } = [EndorsementInfoField, ValidationInfoField, CollectionsField];

    public static string Metadata(string chaincode) => MetadataPrefix + chaincode;

    public static string Field(string chaincode, string field) => $"{FieldsPrefix}{chaincode}/{field}";

    public static string SourceMetadata(string privateName) => SourcesMetadataPrefix + privateName;

    public static string SourceField(string privateName, string field) => $"{SourcesFieldsPrefix}{privateName}/{field}";

    /// <summary>Fabric's private name of an approval: <c>&lt;name&gt;#&lt;sequence&gt;</c>.</summary>
    public static string PrivateName(string chaincode, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{chaincode}#{sequence}");

    /// <summary>The private collection that holds <paramref name="mspId"/>'s approvals.</summary>
    public static string ApprovalCollection(string mspId) => ImplicitCollections.NameForOrg(mspId);

    /// <summary>Fabric's extractChaincodeNameAndSequence, for the private name inside a chaincode-sources field key;
    /// false for any other key.</summary>
    public static bool TryParseSourceField(string key, out string chaincode, out long sequence)
    {
        chaincode = string.Empty;
        sequence = 0;
        if (!key.StartsWith(SourcesFieldsPrefix, StringComparison.Ordinal) || !key.EndsWith("/" + PackageIdField, StringComparison.Ordinal))
        {
            return false;
        }

        string privateName = key[SourcesFieldsPrefix.Length..^(PackageIdField.Length + 1)];
        string[] split = privateName.Split('#');
        if (split.Length != 2 || !long.TryParse(split[1], NumberStyles.None, CultureInfo.InvariantCulture, out sequence))
        {
            return false;
        }

        chaincode = split[0];
        return true;
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
