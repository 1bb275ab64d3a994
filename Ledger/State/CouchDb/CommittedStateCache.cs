using System.Collections.Concurrent;

namespace Fabricish.Ledger.State.CouchDb;

/// <summary>Fabric's statecouchdb cache, done so that a hit is always what a fresh read would return: each key's
/// document revision, committed version and value (null: no live document) as this peer wrote them or read them back.
/// Endorsement reads and MVCC version loads of keys the peer wrote or read recently then need no round trip, and the
/// next write of a key carries its _rev without one.
/// <para>Consistency: a block's writes replace their entries as _bulk_docs confirms them; an entry learned from a read
/// is added only when no write began or ran while that read was in flight (a read that overlapped a block could
/// carry the state before it), and never replaces an entry. As in Fabric the peer owns its state database; a write
/// that conflicts reveals another writer, and the whole cache is dropped then.</para>
/// <para>Memory: two generations of at most half the budget each; a full current generation becomes the previous
/// one and the older one is dropped, and a hit in the previous generation moves the entry forward (a bounded,
/// allocation-light approximation of least-recently-used).</para></summary>
internal sealed class CommittedStateCache
{
    // Dictionary, entry object and key strings: what an entry costs besides its value and revision.
    private const int EntryOverheadBytes = 160;

    private readonly long _generationBudget;
    private readonly Lock _rotation = new();
    private ConcurrentDictionary<CompositeKey, CachedDocument> _current = new();
    private ConcurrentDictionary<CompositeKey, CachedDocument> _previous = new();
    private long _currentBytes;
    private long _writesStarted;
    private long _writesFinished;

    /// <param name="budgetBytes">Most bytes the entries may take; 0 turns the cache off.</param>
    public CommittedStateCache(long budgetBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budgetBytes);
        _generationBudget = budgetBytes / 2;
    }

    public bool Enabled => _generationBudget > 0;

    /// <summary>Entries held now, both generations (for tests and diagnostics).</summary>
    public int Count => _current.Count + _previous.Count;

    public bool TryGetRevision(CompositeKey key, out string? revision)
    {
        bool found = TryGet(key, out CachedDocument? entry);
        revision = entry?.Revision;
        return found;
    }

    /// <summary>The committed version of <paramref name="key"/> when known (null: no live document).</summary>
    public bool TryGetVersion(CompositeKey key, out Height? version)
    {
        bool found = TryGet(key, out CachedDocument? entry) && entry!.VersionKnown;
        version = entry?.Version;
        return found;
    }

    /// <summary>The committed value of <paramref name="key"/> as a read returns it, when known (null: no live
    /// document).</summary>
    public bool TryGetValue(CompositeKey key, out VersionedValue? value)
    {
        bool found = TryGet(key, out CachedDocument? entry) && entry!.ValueKnown;
        value = entry?.Value;
        return found;
    }

    /// <summary>Marks the start of a state write; every read that overlaps it is then kept out of the cache.</summary>
    public void BeginWrite() => Interlocked.Increment(ref _writesStarted);

    public void EndWrite() => Interlocked.Increment(ref _writesFinished);

    /// <summary>Taken before a database read whose result may be cached: null while a write runs.</summary>
    public long? ReadStamp()
    {
        long finished = Volatile.Read(ref _writesFinished);
        return Volatile.Read(ref _writesStarted) == finished ? finished : null;
    }

    /// <summary>Adds what a read returned, if no write began since <paramref name="stamp"/> and the key has no
    /// entry yet.</summary>
    public void AddRead(long? stamp, CompositeKey key, string? revision, VersionedValue? value)
    {
        if (stamp is not { } taken || Volatile.Read(ref _writesStarted) != taken || !Enabled)
        {
            return;
        }

        ConcurrentDictionary<CompositeKey, CachedDocument> generation = _current;
        var entry = new CachedDocument(revision, value?.Version, true, value, true);
        if (Add(generation, key, entry, replace: false) && Volatile.Read(ref _writesStarted) != taken)
        {
            // A write began between the check and the add: its entry may already sit in a newer generation that this
            // one would shadow, so take the read back out.
            generation.TryRemove(new KeyValuePair<CompositeKey, CachedDocument>(key, entry));
        }
    }

    /// <summary>Records a revision and version loaded for MVCC (the value is not known); the committer never loads keys
    /// of a block still being written, so this never replaces a newer entry with an older one.</summary>
    public void SetLoaded(CompositeKey key, string? revision, Height? version)
    {
        if (Enabled)
        {
            Add(_current, key, new CachedDocument(revision, version, true, null, false), replace: true);
        }
    }

    /// <summary>Records a document read whole for the committer (<see cref="SetLoaded"/>, with the value as the read
    /// returned it): no write of the key is in flight then, so the value is what any later read returns.</summary>
    public void SetLoadedValue(CompositeKey key, string? revision, VersionedValue? value)
    {
        if (Enabled)
        {
            Add(_current, key, new CachedDocument(revision, value?.Version, true, value, true), replace: true);
        }
    }

    /// <summary>Records a document this peer's write just stored: <paramref name="value"/> as a read will return it,
    /// or unknown (<paramref name="valueKnown"/> false) when the server's re-encoding of it cannot be predicted.</summary>
    public void SetWritten(CompositeKey key, string? revision, VersionedValue? value, bool valueKnown)
    {
        if (Enabled)
        {
            Add(_current, key, new CachedDocument(revision, value?.Version, true, value, valueKnown), replace: true);
        }
    }

    public void Clear()
    {
        lock (_rotation)
        {
            _current = new ConcurrentDictionary<CompositeKey, CachedDocument>();
            _previous = new ConcurrentDictionary<CompositeKey, CachedDocument>();
            Interlocked.Exchange(ref _currentBytes, 0);
        }
    }

    private bool TryGet(CompositeKey key, out CachedDocument? entry)
    {
        ConcurrentDictionary<CompositeKey, CachedDocument> newer = _current;
        if (newer.TryGetValue(key, out entry))
        {
            return true;
        }

        if (_previous.TryGetValue(key, out entry))
        {
            // Forward into the generation that was current when the lookup began, and only if absent there: a write
            // since then put its entry there or in a generation newer still, which this one cannot shadow.
            Add(newer, key, entry, replace: false);
            return true;
        }

        entry = null;
        return false;
    }

    private bool Add(ConcurrentDictionary<CompositeKey, CachedDocument> generation, CompositeKey key, CachedDocument entry, bool replace)
    {
        if (replace)
        {
            generation[key] = entry;
        }
        else if (!generation.TryAdd(key, entry))
        {
            return false;
        }

        long size = EntryOverheadBytes + (2L * (key.Namespace.Length + key.Key.Length + (entry.Revision?.Length ?? 0)))
            + (entry.Value?.Value.Length ?? 0) + (entry.Value?.Metadata?.Length ?? 0);
        if (ReferenceEquals(generation, _current) && Interlocked.Add(ref _currentBytes, size) > _generationBudget)
        {
            Rotate(generation);
        }

        return true;
    }

    private void Rotate(ConcurrentDictionary<CompositeKey, CachedDocument> full)
    {
        lock (_rotation)
        {
            if (!ReferenceEquals(_current, full))
            {
                return;
            }

            _previous = full;
            _current = new ConcurrentDictionary<CompositeKey, CachedDocument>();
            Interlocked.Exchange(ref _currentBytes, 0);
        }
    }

    private sealed record CachedDocument(string? Revision, Height? Version, bool VersionKnown, VersionedValue? Value, bool ValueKnown);
}
