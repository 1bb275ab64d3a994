namespace Fabricish.Channels.Msp;

/// <summary>
/// A bounded cache of validated identities keyed by their serialized bytes, so the chain, CRL and OU
/// checks run once per signer rather than once per signature. The oldest entry goes first when full;
/// entries are never disposed because callers may still hold them.
/// </summary>
internal sealed class IdentityCache
{
    private readonly int _capacity;
    private readonly Lock _lock = new();
    private readonly Dictionary<byte[], X509Identity> _entries = new(ByteArrayComparer.Instance);
    private readonly Queue<byte[]> _insertionOrder = new();

    public IdentityCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(ReadOnlySpan<byte> serialized, out X509Identity? identity)
    {
        lock (_lock)
        {
            return _entries.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(serialized, out identity);
        }
    }

    public void Add(X509Identity identity)
    {
        byte[] key = identity.Serialized.ToArray();
        lock (_lock)
        {
            if (_entries.ContainsKey(key))
            {
                return;
            }

            while (_entries.Count >= _capacity && _insertionOrder.TryDequeue(out byte[]? oldest))
            {
                _entries.Remove(oldest);
            }

            _entries[key] = identity;
            _insertionOrder.Enqueue(key);
        }
    }

    public void Remove(ReadOnlySpan<byte> serialized)
    {
        lock (_lock)
        {
            // The queue keeps the key; a later dequeue of a missing key is harmless.
            _entries.GetAlternateLookup<ReadOnlySpan<byte>>().Remove(serialized);
        }
    }
}
