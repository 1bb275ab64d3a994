using Fabricish.Protos.Peer;

namespace Fabricish.Channels.PrivateData;

/// <summary>The collections of one chaincode on one channel: those its committed definition declares plus the
/// implicit collection of each application organization of the channel (Fabric's collection store).</summary>
public sealed class ChaincodeCollections
{
    private readonly Dictionary<string, CollectionDefinition> _explicitCollections = new(StringComparer.Ordinal);
    private readonly HashSet<string> _channelOrgs;
    private readonly string _localMspId;

    public ChaincodeCollections(string chaincode, CollectionConfigPackage? package, IEnumerable<string> channelOrgs, string localMspId)
    {
        ArgumentNullException.ThrowIfNull(channelOrgs);
        Chaincode = chaincode;
        this._channelOrgs = new HashSet<string>(channelOrgs, StringComparer.Ordinal);
        this._localMspId = localMspId;
        foreach (CollectionConfig config in package?.Config ?? [])
        {
            if (config.StaticCollectionConfig is { } collection)
            {
                _explicitCollections[collection.Name] = CollectionDefinition.From(collection);
            }
        }
    }

    public string Chaincode { get; }

    public string LocalMspId => _localMspId;

    /// <summary>The collection, or null when the chaincode has no collection of that name.</summary>
    public CollectionDefinition? Find(string collection)
    {
        if (_explicitCollections.TryGetValue(collection, out CollectionDefinition? found))
        {
            return found;
        }

        return ImplicitCollections.MspIdOf(collection) is { } mspId && _channelOrgs.Contains(mspId)
            ? CollectionDefinition.Implicit(mspId, _localMspId)
            : null;
    }

    /// <summary>Fabric's InvalidCollNameError for a collection the chaincode does not have.</summary>
    public static string NotDefined(string chaincode, string collection) =>
        $"collection [{collection}] not defined in the collection config for chaincode [{chaincode}]";
}
