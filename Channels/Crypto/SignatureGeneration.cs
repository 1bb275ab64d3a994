using System.Collections.Concurrent;

namespace Fabricish.Channels.Crypto;

/// <summary>One generation of <see cref="VerifiedSignatures"/>: sized for all its entries up front and counting its
/// own adds, because a ConcurrentDictionary's Count and its growth both take every one of its locks — on a peer's
/// gateway, endorser and committer threads that was the signature memory's contention.</summary>
internal sealed class SignatureGeneration(int capacity)
{
    private readonly ConcurrentDictionary<(UInt128, UInt128), byte> _entries =
        new(Math.Max(16, Environment.ProcessorCount * 4), capacity);

    private int _count;

    public bool Contains((UInt128, UInt128) key) => _entries.ContainsKey(key);

    /// <summary>Adds the key; the number of keys this generation held after the add, 0 when it held it already.</summary>
    public int Add((UInt128, UInt128) key) => _entries.TryAdd(key, 0) ? Interlocked.Increment(ref _count) : 0;
}
