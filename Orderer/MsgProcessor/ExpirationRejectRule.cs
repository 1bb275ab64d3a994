using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;

namespace Fabricish.Orderer.MsgProcessor;

/// <summary>
/// Rejects envelopes whose creator certificate has expired (Fabric's <c>expirationRejectRule</c>). It runs before the
/// signature filter so a flood of stale clients costs no signature checks. Creators that are not a PEM X.509
/// certificate have no expiry here, as in Fabric; the signature filter judges them. Decoding a certificate costs more
/// than verifying a signature, so each creator's expiry is remembered (bounded) and only compared with the clock.
/// </summary>
public sealed class ExpirationRejectRule(TimeProvider time) : IMessageRule
{
    public const int DefaultCacheSize = 4096;

    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));
    private readonly CreatorExpiryCache _expiries = new(DefaultCacheSize);

    /// <summary>Creators whose expiry is remembered (for tests).</summary>
    internal int CachedCreators => _expiries.Count;

    public FilterResult Apply(BroadcastMessage message, ChannelConfig config)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(config);
        if (!OrdererCapabilities.ExpirationCheck(config.Orderer))
        {
            return FilterResult.Ok;
        }

        if (message.SignedDataError is { } error)
        {
            return FilterResult.BadRequest(error);
        }

        DateTimeOffset? expiresAt = _expiries.GetOrAdd(message.Creator.Span, creator => CertificateExpiry.ExpiresAt(creator));
        return expiresAt is { } notAfter && _time.GetUtcNow() >= notAfter
            ? FilterResult.BadRequest("broadcast client identity expired")
            : FilterResult.Ok;
    }
}
