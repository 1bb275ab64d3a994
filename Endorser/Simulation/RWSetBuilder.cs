using Fabricish.Ledger.State;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Endorser.Simulation;

/// <summary>Fabric's rwsetutil.RWSetBuilder for public data: collects reads, buffered writes and range query
/// infos per namespace and emits them in Fabric's order (namespaces and keys sorted, range queries in the order
/// they were made), so that every endorser simulating the same transaction produces identical bytes.</summary>
public sealed class RWSetBuilder
{
    private readonly SortedDictionary<string, NamespaceSets> _namespaces = new(StringComparer.Ordinal);

    /// <summary>Records the committed version a key was read at; null for a key that did not exist.</summary>
    public void AddToReadSet(string ns, string key, Height? version)
    {
        // The first read wins: every read of one simulation sees the same committed state.
        Namespace(ns).Reads.TryAdd(key, version);
    }

    /// <summary>A write (or, with a null value, a delete); a later write of the same key replaces an earlier one.</summary>
    public void AddToWriteSet(string ns, string key, byte[]? value) => Namespace(ns).Writes[key] = value;

    /// <summary>Fabric's AddToMetadataWriteSet: replaces the key's whole metadata, entries in name order; null or no
    /// entries deletes it.</summary>
    public void AddToMetadataWriteSet(string ns, string key, IReadOnlyDictionary<string, byte[]>? metadata)
    {
        var write = new KVMetadataWrite { Key = key };
        write.Entries.AddRange(MetadataEntries(metadata));
        Namespace(ns).MetadataWrites[key] = write;
    }

    /// <summary>Fabric's AddToHashedMetadataWriteSet: the entries go with the key hash into the hashed set; the private
    /// set records only the key.</summary>
    public void AddToHashedMetadataWriteSet(string ns, string collection, string key, IReadOnlyDictionary<string, byte[]>? metadata) =>
        Namespace(ns).Collection(collection).MetadataWrites[key] = [.. MetadataEntries(metadata)];

    /// <summary>Fabric's mapToMetadataWrite order: entries sorted by name.</summary>
    internal static IEnumerable<KVMetadataEntry> MetadataEntries(IReadOnlyDictionary<string, byte[]>? metadata) =>
        (metadata ?? new Dictionary<string, byte[]>())
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => new KVMetadataEntry { Name = e.Key, Value = ByteString.CopyFrom(e.Value) });

    public void AddToRangeQuerySet(string ns, RangeQueryInfo info) => Namespace(ns).RangeQueries.Add(info);

    /// <summary>Fabric's AddToHashedReadSet: the key's hash and the version its private value was read at.</summary>
    public void AddToHashedReadSet(string ns, string collection, string key, Height? version) =>
        Namespace(ns).Collection(collection).Reads.TryAdd(key, version);

    /// <summary>Fabric's AddToPvtAndHashedWriteSet (an empty or null value is a delete) and, with
    /// <paramref name="purge"/>, AddToPvtAndHashedWriteSetForPurge.</summary>
    public void AddToPvtAndHashedWriteSet(string ns, string collection, string key, byte[]? value, bool purge = false) =>
        Namespace(ns).Collection(collection).Writes[key] = (value is { Length: > 0 } ? value : null, purge);

    /// <summary>The private write sets of the last <see cref="Build"/>; null when the transaction wrote no private data.</summary>
    public TxPvtReadWriteSet? PrivateResults { get; private set; }

    public TxReadWriteSet Build()
    {
        var txRwSet = new TxReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv };
        TxPvtReadWriteSet? pvt = null;
        foreach ((string ns, NamespaceSets sets) in _namespaces)
        {
            var kv = new KVRWSet();
            foreach ((string key, Height? version) in sets.Reads)
            {
                kv.Reads.Add(NewKVRead(key, version));
            }

            kv.RangeQueriesInfo.AddRange(sets.RangeQueries);
            foreach ((string key, byte[]? value) in sets.Writes)
            {
                kv.Writes.Add(value is null
                    ? new KVWrite { Key = key, IsDelete = true }
                    : new KVWrite { Key = key, Value = ByteString.CopyFrom(value) });
            }

            kv.MetadataWrites.AddRange(sets.MetadataWrites.Values);
            var nsRwSet = new NsReadWriteSet { Namespace = ns, Rwset = kv.ToByteString() };
            NsPvtReadWriteSet? nsPvt = null;
            foreach ((string collection, CollectionSets collectionSets) in sets.Collections)
            {
                (CollectionHashedReadWriteSet hashed, CollectionPvtReadWriteSet? collectionPvt) = collectionSets.Build(collection);
                nsRwSet.CollectionHashedRwset.Add(hashed);
                if (collectionPvt is not null)
                {
                    (nsPvt ??= new NsPvtReadWriteSet { Namespace = ns }).CollectionPvtRwset.Add(collectionPvt);
                }
            }

            if (nsPvt is not null)
            {
                (pvt ??= new TxPvtReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv }).NsPvtRwset.Add(nsPvt);
            }

            txRwSet.NsRwset.Add(nsRwSet);
        }

        PrivateResults = pvt;
        return txRwSet;
    }

    /// <summary>Fabric's endorser buildChaincodeInterest (without key-level policies): which policies the endorsement
    /// needs, for the gateway and discovery. A namespace written publicly, or only read, needs its chaincode's policy;
    /// each collection written or privately read gets its own call, marked NoPrivateReads when it was only written.
    /// System chaincodes are left out. Fabric iterates maps here; the calls are sorted so the answer is stable.</summary>
    /// <param name="privateReads">The collections whose values were read (not only hashes), per namespace.</param>
    public ChaincodeInterest BuildInterest(Func<string, bool> isSystemChaincode, IReadOnlySet<(string Namespace, string Collection)> privateReads)
    {
        ArgumentNullException.ThrowIfNull(isSystemChaincode);
        ArgumentNullException.ThrowIfNull(privateReads);
        var interest = new ChaincodeInterest();
        foreach ((string ns, NamespaceSets sets) in _namespaces)
        {
            if (isSystemChaincode(ns))
            {
                continue;
            }

            if (sets.Collections.Count == 0)
            {
                // Every proposal without private data: the one chaincode call, and no enumerator or list for collections.
                interest.Chaincodes.Add(new ChaincodeCall { Name = ns });
                continue;
            }

            bool writesCollections = false;
            List<ChaincodeCall>? calls = null;
            foreach ((string collection, CollectionSets collectionSets) in sets.Collections)
            {
                bool read = privateReads.Contains((ns, collection));
                writesCollections |= collectionSets.Writes.Count > 0;
                if (collectionSets.Writes.Count > 0 || read)
                {
                    (calls ??= []).Add(new ChaincodeCall { Name = ns, CollectionNames = { collection }, NoPrivateReads = !read });
                }
            }

            if (sets.Writes.Count > 0 || !writesCollections)
            {
                interest.Chaincodes.Add(new ChaincodeCall { Name = ns });
            }

            if (calls is not null)
            {
                interest.Chaincodes.AddRange(calls);
            }
        }

        return interest;
    }

    /// <summary>Fabric leaves the version out for a key that was absent when read.</summary>
    public static KVRead NewKVRead(string key, Height? version) => new()
    {
        Key = key,
        Version = version is { } v ? new Protos.Ledger.Rwset.Kvrwset.Version { BlockNum = v.BlockNum, TxNum = v.TxNum } : null,
    };

    private NamespaceSets Namespace(string ns)
    {
        ArgumentException.ThrowIfNullOrEmpty(ns);
        if (!_namespaces.TryGetValue(ns, out NamespaceSets? sets))
        {
            sets = new NamespaceSets();
            _namespaces[ns] = sets;
        }

        return sets;
    }

    private sealed class NamespaceSets
    {
        public SortedDictionary<string, Height?> Reads { get; } = new(StateKeyOrder.Instance);

        public SortedDictionary<string, byte[]?> Writes { get; } = new(StateKeyOrder.Instance);

        public SortedDictionary<string, KVMetadataWrite> MetadataWrites { get; } = new(StateKeyOrder.Instance);

        public List<RangeQueryInfo> RangeQueries { get; } = [];

        public SortedDictionary<string, CollectionSets> Collections { get; } = new(StringComparer.Ordinal);

        public CollectionSets Collection(string name)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            if (!Collections.TryGetValue(name, out CollectionSets? sets))
            {
                sets = new CollectionSets();
                Collections[name] = sets;
            }

            return sets;
        }
    }
}
