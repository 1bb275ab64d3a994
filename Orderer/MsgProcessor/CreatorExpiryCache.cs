using Fabricish.Channels.Msp;
using System.Runtime.InteropServices;

namespace Fabricish.Orderer.MsgProcessor;

/// <summary>
/// The certificate expiry of recently seen creators, keyed by their serialized identity, so a client's certificate is
/// decoded once rather than on every envelope it broadcasts. A certificate's NotAfter never changes, so entries need
/// no invalidation; when full, the cache starts afresh, which bounds memory against floods of one-off creators.
/// </summary>
internal sealed class CreatorExpiryCache(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<byte[], DateTimeOffset?> _entries = new(ByteArrayComparer.Instance);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The creator's expiry (null: it has none), computing and remembering it on a miss.</summary>
    public DateTimeOffset? GetOrAdd(ReadOnlySpan<byte> creator, Func<byte[], DateTimeOffset?> compute)
    {
        lock (_gate)
        {
            if (_entries.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(creator, out DateTimeOffset? known))
            {
                return known;
            }
        }

        byte[] key = creator.ToArray();
        DateTimeOffset? expiresAt = compute(key);
        lock (_gate)
        {
            if (_entries.Count >= capacity)
            {
                _entries.Clear();
            }

            CollectionsMarshal.GetValueRefOrAddDefault(_entries, key, out _) = expiresAt;
        }

        return expiresAt;
    }
}
