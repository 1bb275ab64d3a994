using System.Collections.Concurrent;
using Fabricish.Endorser.Chaincode;

namespace Fabricish.Peer.Lifecycle;

/// <summary>The endorser's chaincodes from committed definitions: name and version from the definition, the address
/// and TLS settings from the connection.json of the package this peer's organization approved for that sequence and
/// installed here. A chaincode the lifecycle does not define falls back to the configured table (dev mode); one it
/// defines but this peer cannot run (no approved package installed here) is not available on this peer.</summary>
internal sealed class LifecycleChaincodeRegistry : IChaincodeRegistry
{
    private readonly LifecycleDefinitions _definitions;
    private readonly InstalledChaincodes _installed;
    private readonly IChaincodeRegistry _fallback;
    private readonly ConcurrentDictionary<(string Name, string Version, string PackageId), ChaincodeDefinition> _resolved = new();

    public LifecycleChaincodeRegistry(LifecycleDefinitions definitions, InstalledChaincodes installed, IChaincodeRegistry fallback)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(installed);
        ArgumentNullException.ThrowIfNull(fallback);
        _definitions = definitions;
        _installed = installed;
        _fallback = fallback;
    }

    public async ValueTask<ChaincodeDefinition?> GetChaincodeAsync(string channelId, string chaincodeName, CancellationToken cancellationToken = default)
    {
        if (await _definitions.GetAsync(channelId, chaincodeName, cancellationToken).ConfigureAwait(false) is not { } definition)
        {
            return await _fallback.GetChaincodeAsync(channelId, chaincodeName, cancellationToken).ConfigureAwait(false);
        }

        // GetAsync loaded the channel: its approvals answer without waiting.
        if (_definitions.LocalPackage(channelId, definition) is not { } packageId || _installed.Get(packageId) is not { } package)
        {
            return null;
        }

        return _resolved.GetOrAdd(
            (definition.Name, definition.Version, packageId),
            key => new ChaincodeDefinition(key.Name, key.Version, key.PackageId, package.Package.Connection.Address, package.Package.Connection.ToTlsSettings()));
    }
}
