using System.Security.Cryptography;
using Fabricish.Protos.Peer.Lifecycle;
using Google.Protobuf;
using StateMetadata = Fabricish.Protos.Peer.Lifecycle.StateMetadata;

namespace Fabricish.Peer.Lifecycle;

/// <summary>Fabric's lifecycle Serializer on an organization's implicit collection: a structure is a StateMetadata
/// under <c>&lt;prefix&gt;/metadata/&lt;name&gt;</c> naming its type and fields, and one StateData per field under
/// <c>&lt;prefix&gt;/fields/&lt;name&gt;/&lt;field&gt;</c>. Only keys whose value changes are written, so an approval
/// repeated unchanged writes nothing; readiness compares SHA-256 hashes, all another organization's state reveals.</summary>
internal static class LifecycleSerializer
{
    public const string NamespacesPrefix = "namespaces";
    public const string SourcesPrefix = "chaincode-sources";

    public static string MetadataKey(string prefix, string name) => $"{prefix}/metadata/{name}";

    public static string FieldKey(string prefix, string name, string field) => $"{prefix}/fields/{name}/{field}";

    /// <summary>Fabric's Serialize: writes the fields that differ, the metadata when its type or fields differ, and
    /// deletes fields the stored metadata names that the structure no longer has.</summary>
    public static async Task SerializeAsync(OrgApprovalState state, string prefix, string name, string datatype, IReadOnlyList<KeyValuePair<string, byte[]>> fields)
    {
        StateMetadata metadata = await DeserializeMetadataAsync(state, prefix, name).ConfigureAwait(false) ?? new StateMetadata();
        var existing = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        foreach (string field in metadata.Fields)
        {
            string key = FieldKey(prefix, name, field);
            existing[key] = await state.GetAsync(key).ConfigureAwait(false);
        }

        foreach ((string field, byte[] value) in fields)
        {
            string key = FieldKey(prefix, name, field);
            if (!existing.TryGetValue(key, out byte[]? current) || current is null || !current.AsSpan().SequenceEqual(value))
            {
                state.Put(key, value);
            }

            existing.Remove(key);
        }

        if (existing.Count > 0 || metadata.Datatype != datatype || metadata.Fields.Count != fields.Count)
        {
            var updated = new StateMetadata { Datatype = datatype };
            updated.Fields.AddRange(fields.Select(f => f.Key));
            state.Put(MetadataKey(prefix, name), updated.ToByteArray());
        }

        foreach (string key in existing.Keys)
        {
            state.Delete(key);
        }
    }

    /// <summary>Fabric's IsSerialized: whether the hashes in <paramref name="state"/> are those of the structure; the
    /// mismatches are the datatype alone when the metadata differs (nothing approved), else the differing fields.</summary>
    public static async Task<IReadOnlyList<string>> MismatchesAsync(OrgApprovalState state, string prefix, string name, string datatype, IReadOnlyList<KeyValuePair<string, byte[]>> fields)
    {
        var metadata = new StateMetadata { Datatype = datatype };
        metadata.Fields.AddRange(fields.Select(f => f.Key));
        byte[]? metadataHash = await state.GetHashAsync(MetadataKey(prefix, name)).ConfigureAwait(false);
        var hashes = new List<byte[]?>(fields.Count);
        foreach ((string field, _) in fields)
        {
            hashes.Add(await state.GetHashAsync(FieldKey(prefix, name, field)).ConfigureAwait(false));
        }

        if (!SHA256.HashData(metadata.ToByteArray()).AsSpan().SequenceEqual(metadataHash))
        {
            return [datatype];
        }

        var mismatches = new List<string>();
        for (int i = 0; i < fields.Count; i++)
        {
            if (!SHA256.HashData(fields[i].Value).AsSpan().SequenceEqual(hashes[i]))
            {
                mismatches.Add(fields[i].Key);
            }
        }

        return mismatches;
    }

    public static async Task<StateMetadata?> DeserializeMetadataAsync(OrgApprovalState state, string prefix, string name) =>
        await state.GetAsync(MetadataKey(prefix, name)).ConfigureAwait(false) is { } bytes ? StateMetadata.Parser.ParseFrom(bytes) : null;

    /// <summary>A field's StateData; an absent key reads as an empty StateData, as Fabric's DeserializeField.</summary>
    public static async Task<StateData> DeserializeFieldAsync(OrgApprovalState state, string prefix, string name, string field) =>
        await state.GetAsync(FieldKey(prefix, name, field)).ConfigureAwait(false) is { } bytes ? StateData.Parser.ParseFrom(bytes) : new StateData();
}
