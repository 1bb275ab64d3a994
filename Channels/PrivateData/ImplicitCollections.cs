namespace Fabricish.Channels.PrivateData;

/// <summary>Fabric's implicitcollection package: every application organization of a channel has a collection
/// <c>_implicit_org_&lt;MSPID&gt;</c> for every chaincode, with only that organization as member.</summary>
public static class ImplicitCollections
{
    public const string Prefix = "_implicit_org_";

    public static string NameForOrg(string mspId) => Prefix + mspId;

    /// <summary>The organization of an implicit collection's name, or null when the name is not one.</summary>
    public static string? MspIdOf(string collection) =>
        collection.StartsWith(Prefix, StringComparison.Ordinal) ? collection[Prefix.Length..] : null;
}
