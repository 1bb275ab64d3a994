using System.Globalization;
using Fabricish.Channels.PrivateData;
using Fabricish.Ledger.State;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Endorser.Simulation;

/// <summary>Private data in a simulation, as Fabric's queryExecutor and txSimulator: reads record the key hash and
/// version in the collection's hashed read set, writes go to both the private and the hashed write set, and a range
/// or rich query over a collection is only allowed in a transaction that writes nothing (and is not recorded).</summary>
public sealed partial class TxSimulator
{
    private bool _privateQueryPerformed;
    private readonly HashSet<(string Namespace, string Collection)> _privateReads = [];

    /// <summary>The collections of a namespace (chaincode) on this channel; null or an unknown namespace means the
    /// chaincode has none, so every collection name is refused.</summary>
    public Func<string, ChaincodeCollections?>? CollectionsOf { get; set; }

    /// <summary>The MSP of the proposal's creator, for memberOnlyRead and memberOnlyWrite collections.</summary>
    public string? CreatorMspId { get; set; }

    /// <summary>The private write sets of the finished simulation (after <see cref="GetTxSimulationResults"/>);
    /// null when it wrote no private data. They go to the transient store and member peers, never into the block.</summary>
    public TxPvtReadWriteSet? PrivateResults
    {
        get
        {
            lock (_gate)
            {
                return _builder.PrivateResults;
            }
        }
    }

    /// <summary>The collection's definition; throws Fabric's InvalidCollNameError for one the chaincode lacks.</summary>
    public CollectionDefinition GetCollection(string ns, string collection) =>
        CollectionsOf?.Invoke(ns)?.Find(collection)
        ?? throw new TxSimulatorException(ChaincodeCollections.NotDefined(ns, collection));

    public async Task<byte[]?> GetPrivateDataAsync(string ns, string collection, string key, CancellationToken cancellationToken = default)
    {
        GetCollection(ns, collection);
        CheckNotDone();
        VersionedValue? value = await _state.GetStateAsync(PrivateDataKeys.PrivateNamespace(ns, collection), key, cancellationToken).ConfigureAwait(false);
        VersionedValue? hash = await _state.GetStateAsync(PrivateDataKeys.HashedNamespace(ns, collection), PrivateDataKeys.HashedKey(key), cancellationToken).ConfigureAwait(false);
        if (value?.Version != hash?.Version)
        {
            // A non-member peer, or a member that has the hash but not (yet) the data: Fabric's wording.
            throw new TxSimulatorException(
                $"private data matching public hash version is not available. Public hash version = {FabricVersion(hash?.Version)}, Private data version = {FabricVersion(value?.Version)}");
        }

        if (hash is not null)
        {
            CheckSnapshot(PrivateDataKeys.HashedNamespace(ns, collection), key, hash.Version);
        }

        lock (_gate)
        {
            _builder.AddToHashedReadSet(ns, collection, key, value?.Version);
            _privateReads.Add((ns, collection));
        }

        return value?.Value;
    }

    /// <summary>The SHA-256 of the committed private value, answered from the hashes every peer of the channel keeps.</summary>
    public async Task<byte[]?> GetPrivateDataHashAsync(string ns, string collection, string key, CancellationToken cancellationToken = default) =>
        (await ReadHashedAsync(ns, collection, key, cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>The committed hash entry of a private key, which every peer of the channel keeps, recorded in the
    /// hashed read set at the version read.</summary>
    private async ValueTask<VersionedValue?> ReadHashedAsync(string ns, string collection, string key, CancellationToken cancellationToken)
    {
        GetCollection(ns, collection);
        CheckNotDone();
        VersionedValue? hash = await _state.GetStateAsync(PrivateDataKeys.HashedNamespace(ns, collection), PrivateDataKeys.HashedKey(key), cancellationToken).ConfigureAwait(false);
        if (hash is not null)
        {
            CheckSnapshot(PrivateDataKeys.HashedNamespace(ns, collection), key, hash.Version);
        }

        lock (_gate)
        {
            _builder.AddToHashedReadSet(ns, collection, key, hash?.Version);
        }

        return hash;
    }

    public void SetPrivateData(string ns, string collection, string key, byte[]? value)
    {
        GetCollection(ns, collection);
        if (value is { Length: > 0 } && _state.ValidateKeyValue(key, value) is { } invalid)
        {
            throw new TxSimulatorException(invalid);
        }

        BeforePrivateWrite(key);
        lock (_gate)
        {
            _builder.AddToPvtAndHashedWriteSet(ns, collection, key, value);
        }
    }

    public void DeletePrivateData(string ns, string collection, string key) => SetPrivateData(ns, collection, key, null);

    public void PurgePrivateData(string ns, string collection, string key)
    {
        GetCollection(ns, collection);
        BeforePrivateWrite(key);
        lock (_gate)
        {
            _builder.AddToPvtAndHashedWriteSet(ns, collection, key, null, purge: true);
        }
    }

    /// <summary>Keys of the collection in [start, end) from this peer's private state; not recorded for validation.</summary>
    public IAsyncEnumerable<VersionedKV> GetPrivateDataRangeScanIterator(string ns, string collection, string startKey, string endKey, CancellationToken cancellationToken = default)
    {
        GetCollection(ns, collection);
        BeforePrivateQuery(ns, collection);
        return _state.GetStateRangeAsync(PrivateDataKeys.PrivateNamespace(ns, collection), startKey, endKey, cancellationToken);
    }

    public IAsyncEnumerable<VersionedKV> ExecuteQueryOnPrivateData(string ns, string collection, string query, CancellationToken cancellationToken = default)
    {
        GetCollection(ns, collection);
        BeforePrivateQuery(ns, collection);
        return _state.ExecuteQueryAsync(PrivateDataKeys.PrivateNamespace(ns, collection), query, cancellationToken);
    }

    /// <summary>The ChaincodeInterest of the simulation (Fabric's endorser builds it from the simulation results and
    /// returns it with the proposal response for the gateway to plan further endorsements). Each written key's
    /// committed metadata is read (the hash's, for a private key) for its key-level policy, as Fabric's simulator
    /// does on every write; asked before <see cref="GetTxSimulationResults"/>, this happens under the simulation's
    /// hold on the commit lock.</summary>
    /// <exception cref="TxSimulatorException">A written key's stored validation parameter does not parse.</exception>
    public async Task<ChaincodeInterest> GetChaincodeInterestAsync(Func<string, bool> isSystemChaincode, CancellationToken cancellationToken = default)
    {
        WrittenKey[] written;
        string[] namespaces;
        HashSet<(string Namespace, string Collection)> privateReads;
        lock (_gate)
        {
            written = [.. _builder.WrittenKeys()];
            namespaces = [.. _builder.Namespaces];
            privateReads = [.. _privateReads];
        }

        // A public key the simulation read has its metadata from that read (the simulation holds the commit lock, so
        // it is still the committed one): a transfer or a create reads every key it writes, and asks nothing more.
        // The rest: one bulk read of committed state (a collection's keys by hash in its hashed namespace).
        var metadata = new byte[]?[written.Length];
        List<(int Index, CompositeKey StateKey)>? unread = null;
        for (int i = 0; i < written.Length; i++)
        {
            WrittenKey key = written[i];
            if (key.Collection.Length > 0 || !ReadMetadataOf(key.Namespace, key.Key, out metadata[i]))
            {
                (unread ??= []).Add((i, StateKeyOf(key)));
            }
        }

        if (unread is not null)
        {
            var stateKeys = new CompositeKey[unread.Count];
            for (int u = 0; u < stateKeys.Length; u++)
            {
                stateKeys[u] = unread[u].StateKey;
            }

            IReadOnlyDictionary<CompositeKey, VersionedValue> committed = await _state.GetCommittedStatesAsync(stateKeys, cancellationToken).ConfigureAwait(false);
            foreach ((int index, CompositeKey stateKey) in unread)
            {
                metadata[index] = committed.GetValueOrDefault(stateKey)?.Metadata;
            }
        }

        // In the order written: the key policies of a call keep the builder's key order.
        var withPolicies = new List<(WrittenKey Key, byte[]? ValidationParameter)>(written.Length);
        for (int i = 0; i < written.Length; i++)
        {
            withPolicies.Add((written[i], ValidationParameterOf(written[i], metadata[i])));
        }

        try
        {
            return ChaincodeInterestBuilder.Build(namespaces, withPolicies, privateReads, isSystemChaincode);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new TxSimulatorException("failed to unmarshal a key-level endorsement policy of a written key: " + e.Message);
        }
    }

    /// <summary>Where the written key's metadata is stored: a private key's by its hash in the hashed namespace.</summary>
    private static CompositeKey StateKeyOf(WrittenKey key) => key.Collection.Length == 0
        ? new CompositeKey(key.Namespace, key.Key)
        : new CompositeKey(PrivateDataKeys.HashedNamespace(key.Namespace, key.Collection), PrivateDataKeys.HashedKey(key.Key));

    private static byte[]? ValidationParameterOf(WrittenKey key, byte[]? metadata)
    {
        try
        {
            return KeyMetadata.ValidationParameterOf(metadata);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new TxSimulatorException($"the stored metadata of key [{key.Namespace}/{key.Key}] does not parse: {e.Message}");
        }
    }

    /// <summary>Go's version.Height String(): "{BlockNum: 5, TxNum: 0}", and "&lt;nil&gt;" for no version.</summary>
    internal static string FabricVersion(Height? version) => version is { } v
        ? string.Create(CultureInfo.InvariantCulture, $"{{BlockNum: {v.BlockNum}, TxNum: {v.TxNum}}}")
        : "<nil>";

    private void BeforePrivateWrite(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        BeforeWrite();
    }

    private void BeforePrivateQuery(string ns, string collection)
    {
        lock (_gate)
        {
            CheckNotDone();
            if (_writePerformed)
            {
                throw new TxSimulatorException($"txid [{TxId}]: unsuppored transaction. Queries on pvt data is supported only in a read-only transaction");
            }

            _privateQueryPerformed = true;
            _privateReads.Add((ns, collection));
        }
    }
}
