using Fabricish.Protos.Peer;

namespace Fabricish.Channels.PrivateData;

/// <summary>The collections of one chaincode on one channel: those its committed definition declares plus the
/// implicit collection of each application organization of the channel (Fabric's collection store).</summary>
public sealed class ChaincodeCollections
{
    private readonly Dictionary<string, CollectionDefinition> explicitCollections = new(StringComparer.Ordinal);
    private readonly HashSet<string> channelOrgs;
    private readonly string localMspId;

    public ChaincodeCollections(string chaincode, CollectionConfigPackage? package, IEnumerable<string> channelOrgs, string localMspId)
    {
        ArgumentNullException.ThrowIfNull(channelOrgs);
        Chaincode = chaincode;
        this.channelOrgs = new HashSet<string>(channelOrgs, StringComparer.Ordinal);
        this.localMspId = localMspId;
        foreach (CollectionConfig config in package?.Config ?? [])
        {
            if (config.StaticCollectionConfig is { } collection)
            {
                explicitCollections[collection.Name] = CollectionDefinition.From(collection);
            }
        }
    }

    public string Chaincode { get; }

    public string LocalMspId => localMspId;

    /// <summary>The collection, or null when the chaincode has no collection of that name.</summary>
    public CollectionDefinition? Find(string collection)
    {
        if (explicitCollections.TryGetValue(collection, out CollectionDefinition? found))
        {
            return found;
        }

        return ImplicitCollections.MspIdOf(collection) is { } mspId && channelOrgs.Contains(mspId)
            ? CollectionDefinition.Implicit(mspId, localMspId)
            : null;
    }

    /// <summary>Fabric's InvalidCollNameError for a collection the chaincode does not have.</summary>
    public static string NotDefined(string chaincode, string collection) =>
        $"collection [{collection}] not defined in the collection config for chaincode [{chaincode}]";
}
