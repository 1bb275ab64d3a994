using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Google.Protobuf;

namespace Fabricish.Ledger.State;

/// <summary>Fabric's statemetadata: a key's metadata as the state database keeps it beside the value (<see
/// cref="VersionedValue.Metadata"/>), a marshalled KVMetadataWrite holding only the entries; and the reserved metakey of
/// a key-level endorsement policy.</summary>
public static class KeyMetadata
{
    /// <summary>The proto name of peer.MetaDataKeys.VALIDATION_PARAMETER, the entry a key-level policy is kept under.</summary>
    public const string ValidationParameter = "VALIDATION_PARAMETER";

    public static byte[] Serialize(IEnumerable<KVMetadataEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var write = new KVMetadataWrite();
        write.Entries.AddRange(entries);
        return write.ToByteArray();
    }

    /// <summary>The entries by name; null for a key without metadata. Throws InvalidProtocolBufferException for bytes
    /// that are not a KVMetadataWrite.</summary>
    public static Dictionary<string, byte[]>? Deserialize(byte[]? metadata)
    {
        if (metadata is null)
        {
            return null;
        }

        KVMetadataWrite write = KVMetadataWrite.Parser.ParseFrom(metadata);
        var entries = new Dictionary<string, byte[]>(write.Entries.Count, StringComparer.Ordinal);
        foreach (KVMetadataEntry entry in write.Entries)
        {
            entries[entry.Name] = entry.Value.ToByteArray();
        }

        return entries;
    }

    /// <summary>The key's VALIDATION_PARAMETER entry, null when it has none.</summary>
    public static byte[]? ValidationParameterOf(byte[]? metadata) =>
        Deserialize(metadata) is { } entries && entries.TryGetValue(ValidationParameter, out byte[]? value) ? value : null;
}
