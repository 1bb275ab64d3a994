using System.Collections.Frozen;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Endorser.Chaincode;

namespace Fabricish.Peer.Endorsing;

/// <summary>The chaincodes of <see cref="EndorsingOptions"/>, read once at start: a stand-in for lifecycle's
/// committed definitions, answering from a frozen table on the hot path.</summary>
internal sealed class ConfiguredChaincodeRegistry : IChaincodeRegistry
{
    private readonly FrozenDictionary<string, Entry> _chaincodes;

    public ConfiguredChaincodeRegistry(IEnumerable<ChaincodeEndpointOptions> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _chaincodes = endpoints.ToFrozenDictionary(
            e => e.Name,
            e => new Entry(
                new ChaincodeDefinition(e.Name, e.Version, e.EffectivePackageId, e.Address, LoadTls(e.Tls)),
                e.Channels.Count == 0 ? null : e.Channels.ToFrozenSet(StringComparer.Ordinal)),
            StringComparer.Ordinal);
    }

    public ValueTask<ChaincodeDefinition?> GetChaincodeAsync(string channelId, string chaincodeName, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(
            _chaincodes.TryGetValue(chaincodeName, out Entry? entry) && (entry.Channels is null || entry.Channels.Contains(channelId))
                ? entry.Definition
                : null);

    private static ChaincodeTlsSettings? LoadTls(ChaincodeTlsOptions? tls)
    {
        if (tls is null)
        {
            return null;
        }

        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(tls.RootCertFile);
        X509Certificate2? client = string.IsNullOrEmpty(tls.ClientCertFile)
            ? null
            : X509Certificate2.CreateFromPemFile(tls.ClientCertFile, tls.ClientKeyFile);
        return new ChaincodeTlsSettings(roots, client);
    }

    private sealed record Entry(ChaincodeDefinition Definition, FrozenSet<string>? Channels);
}
