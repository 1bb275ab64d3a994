using Fabricish.Channels.PrivateData;
using Fabricish.Ledger.State;
using Google.Protobuf;

namespace Fabricish.Endorser.Simulation;

/// <summary>Key metadata in a simulation (Fabric's GetStateMetadata/SetStateMetadata and the private data variants):
/// reading metadata is a read of the key (its version goes into the read set, or the hashed read set for a collection,
/// where the metadata lives beside the value hash); writing replaces the key's whole metadata with a metadata write in
/// the read-write set, a collection's only in its hashed set.</summary>
public sealed partial class TxSimulator
{
    /// <summary>The key's metadata entries, null when the key has none.</summary>
    public async Task<IReadOnlyDictionary<string, byte[]>?> GetStateMetadataAsync(string ns, string key, CancellationToken cancellationToken = default) =>
        Metadata(await ReadCommittedAsync(ns, key, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyDictionary<string, byte[]>?> GetPrivateDataMetadataAsync(string ns, string collection, string key, CancellationToken cancellationToken = default) =>
        Metadata(await ReadHashedAsync(ns, collection, key, cancellationToken).ConfigureAwait(false));

    /// <summary>Replaces the key's metadata; null or no entries deletes it.</summary>
    public void SetStateMetadata(string ns, string key, IReadOnlyDictionary<string, byte[]>? metadata)
    {
        ArgumentNullException.ThrowIfNull(key);
        CheckKey(key);
        BeforeWrite();
        lock (_gate)
        {
            _builder.AddToMetadataWriteSet(ns, key, metadata);
        }
    }

    public void SetPrivateDataMetadata(string ns, string collection, string key, IReadOnlyDictionary<string, byte[]>? metadata)
    {
        GetCollection(ns, collection);
        ArgumentNullException.ThrowIfNull(key);
        CheckKey(key);
        BeforeWrite();
        lock (_gate)
        {
            _builder.AddToHashedMetadataWriteSet(ns, collection, key, metadata);
        }
    }

    /// <summary>Fabric's checkWritePrecondition(key, nil): the key must be one the state database can store.</summary>
    private void CheckKey(string key)
    {
        if (_state.ValidateKeyValue(key, []) is { } invalid)
        {
            throw new TxSimulatorException(invalid);
        }
    }

    private static IReadOnlyDictionary<string, byte[]>? Metadata(VersionedValue? value)
    {
        try
        {
            return KeyMetadata.Deserialize(value?.Metadata);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new TxSimulatorException("the key's stored metadata does not parse: " + e.Message);
        }
    }
}
