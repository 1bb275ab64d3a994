using System.Security.Cryptography;
using Fabricish.Channels.Policies;

namespace Fabricish.Peer.Discovery;

/// <summary>
/// Fabric's discovery auth cache: per channel, whether a signed request (data, identity, signature) is eligible, kept
/// until the channel's configuration sequence changes. When a channel's cache is full, entries are evicted until
/// <see cref="DiscoveryOptions.AuthCachePurgeRetentionRatio"/> of the maximum remains. A result computed while the
/// configuration changed is returned but not cached.
/// </summary>
internal sealed class DiscoveryAuthCache(DiscoveryOptions options, DiscoveryAccess access)
{
    private readonly Dictionary<string, ChannelEntries> _byChannel = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Null when eligible, else why not.</summary>
    public string? Eligible(string channelId, SignedData request)
    {
        if (!options.AuthCacheEnabled)
        {
            return access.Eligible(channelId, request);
        }

        string key = Key(request);
        ulong sequence = access.ConfigSequence(channelId);
        lock (_gate)
        {
            if (_byChannel.TryGetValue(channelId, out ChannelEntries? entries) && entries.Sequence == sequence
                && entries.Results.TryGetValue(key, out string? cached))
            {
                return cached;
            }
        }

        string? result = access.Eligible(channelId, request);
        lock (_gate)
        {
            if (access.ConfigSequence(channelId) != sequence)
            {
                return result;
            }

            if (!_byChannel.TryGetValue(channelId, out ChannelEntries? entries) || entries.Sequence != sequence)
            {
                entries = new ChannelEntries(sequence);
                _byChannel[channelId] = entries;
            }

            if (entries.Results.Count + 1 > options.AuthCacheMaxSize)
            {
                int evict = options.AuthCacheMaxSize - (int)(options.AuthCachePurgeRetentionRatio * options.AuthCacheMaxSize);
                foreach (string old in entries.Results.Keys.Take(evict).ToList())
                {
                    entries.Results.Remove(old);
                }
            }

            entries.Results[key] = result;
        }

        return result;
    }

    private static string Key(SignedData request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (ReadOnlyMemory<byte> part in (ReadOnlySpan<ReadOnlyMemory<byte>>)[request.Data, request.Identity, request.Signature])
        {
            hash.AppendData(BitConverter.GetBytes(part.Length));
            hash.AppendData(part.Span);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private sealed class ChannelEntries(ulong sequence)
    {
        public ulong Sequence { get; } = sequence;

        public Dictionary<string, string?> Results { get; } = new(StringComparer.Ordinal);
    }
}
