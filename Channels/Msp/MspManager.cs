using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Channels.Msp;

/// <summary>
/// A channel's MSPs by id: turns serialized identities into validated identities of one of them,
/// caching the validated ones (bounded) and re-checking their validity period on every hit.
/// </summary>
public sealed class MspManager : IIdentityDeserializer
{
    public const int DefaultCacheSize = 1024;

    private readonly Dictionary<string, FabricMsp> _msps;
    private readonly IdentityCache _cache;

    public MspManager(IEnumerable<FabricMsp> msps, int cacheSize = DefaultCacheSize)
    {
        ArgumentNullException.ThrowIfNull(msps);
        _msps = new Dictionary<string, FabricMsp>(StringComparer.Ordinal);
        foreach (var msp in msps)
        {
            if (!_msps.TryAdd(msp.MspId, msp))
            {
                throw new ArgumentException($"MSP '{msp.MspId}' is listed twice", nameof(msps));
            }
        }

        _cache = new IdentityCache(cacheSize);
    }

    public IReadOnlyCollection<string> MspIds => _msps.Keys;

    public IReadOnlyCollection<FabricMsp> Msps => _msps.Values;

    /// <summary>How many validated identities are cached (for tests and metrics).</summary>
    public int CachedIdentities => _cache.Count;

    public bool TryGetMsp(string mspId, out FabricMsp? msp) => _msps.TryGetValue(mspId, out msp);

    public IdentityResult Deserialize(ReadOnlySpan<byte> serializedIdentity)
    {
        if (_cache.TryGet(serializedIdentity, out var cached))
        {
            string? expired = cached!.CheckStillValid();
            if (expired is null)
            {
                return IdentityResult.Ok(cached);
            }

            _cache.Remove(serializedIdentity);
            return IdentityResult.Invalid(expired);
        }

        SerializedIdentity parsed;
        try
        {
            parsed = SerializedIdentity.Parser.ParseFrom(serializedIdentity);
        }
        catch (InvalidProtocolBufferException)
        {
            return IdentityResult.Invalid("identity is not a valid SerializedIdentity");
        }

        if (!_msps.TryGetValue(parsed.Mspid, out var msp))
        {
            return IdentityResult.Invalid($"MSP '{parsed.Mspid}' is not a member of this channel");
        }

        var result = msp.Validate(parsed.IdBytes.Span, serializedIdentity.ToArray());
        if (result.Identity is X509Identity identity)
        {
            _cache.Add(identity);
        }

        return result;
    }
}
