using System.Text.Json;

namespace Fabricish.Ledger.State.CouchDb;

/// <summary>Fabric's document format (couchdoc_conv.go): _id is the key; a JSON-object value is stored as the
/// document's own fields so Mango selectors can query it; any other value is stored as the attachment
/// "valueBytes" (application/octet-stream, sent inline as base64); "~version" carries the encoded height.</summary>
internal static class CouchDocuments
{
    public const string IdField = "_id";
    public const string RevField = "_rev";
    public const string AttachmentName = "valueBytes";

    private const string DeletedField = "_deleted";
    private const string AttachmentsField = "_attachments";

    /// <summary>Writes the document for one update; <paramref name="revision"/> is the current revision of the
    /// stored document, null when there is none. With <paramref name="predictReadForm"/>, returns what a read of the
    /// value will return (<see cref="CouchReadForm"/>, null when not predictable), from the same parse of the value;
    /// otherwise, and for a deletion, null.</summary>
    public static byte[]? Write(Utf8JsonWriter writer, string key, StateUpdate update, string? revision, bool predictReadForm = false)
    {
        writer.WriteStartObject();
        writer.WriteString(IdField, key);
        if (revision is not null)
        {
            writer.WriteString(RevField, revision);
        }

        writer.WriteString(StateValueRules.VersionField, CouchVersionField.Encode(update.Version, update.Metadata));
        byte[]? readForm = null;
        if (update.Value is null)
        {
            writer.WriteBoolean(DeletedField, true);
        }
        else if (StateValueRules.TryParseJsonObject(update.Value, out JsonDocument? json))
        {
            using (json)
            {
                foreach (JsonProperty property in json!.RootElement.EnumerateObject())
                {
                    if (property.Name == StateValueRules.VersionField || property.Name.StartsWith('_'))
                    {
                        // Endorsement rejects these (StateValueRules); a block carrying one anyway must not let a
                        // value overwrite the document's own bookkeeping.
                        throw new InvalidOperationException($"field [{property.Name}] is not valid for the CouchDB state database");
                    }

                    property.WriteTo(writer);
                }

                readForm = predictReadForm ? CouchReadForm.OfObject(json.RootElement) : null;
            }
        }
        else
        {
            readForm = predictReadForm ? update.Value : null;
            writer.WriteStartObject(AttachmentsField);
            writer.WriteStartObject(AttachmentName);
            writer.WriteString("content_type", "application/octet-stream");
            writer.WriteBase64String("data", update.Value);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        return readForm;
    }

    /// <summary>Decodes a stored document. Returns false when the document refers to its value attachment only
    /// by a stub, so the caller must fetch it with attachments; a deleted document decodes to a null value.</summary>
    public static bool TryRead(JsonElement doc, out string key, out VersionedValue? value)
    {
        key = doc.GetProperty(IdField).GetString()!;
        value = null;
        if (doc.TryGetProperty(DeletedField, out JsonElement deleted) && deleted.ValueKind == JsonValueKind.True)
        {
            return true;
        }

        if (!doc.TryGetProperty(StateValueRules.VersionField, out JsonElement versionField))
        {
            throw new InvalidDataException($"document '{key}' has no {StateValueRules.VersionField} field");
        }

        (Height version, byte[]? metadata) = CouchVersionField.Decode(versionField.GetString()!);
        if (doc.TryGetProperty(AttachmentsField, out JsonElement attachments))
        {
            if (!attachments.TryGetProperty(AttachmentName, out JsonElement attachment)
                || !attachment.TryGetProperty("data", out JsonElement data))
            {
                return false;
            }

            value = new VersionedValue(data.GetBytesFromBase64(), version, metadata);
            return true;
        }

        byte[] json = GoJsonWriter.WriteObject(doc, name => name == StateValueRules.VersionField || name.StartsWith('_'));
        value = new VersionedValue(json, version, metadata);
        return true;
    }

    /// <summary>Just the version, for MVCC: the value need not be decoded.</summary>
    public static Height? ReadVersion(JsonElement doc)
    {
        if (doc.ValueKind != JsonValueKind.Object
            || (doc.TryGetProperty(DeletedField, out JsonElement deleted) && deleted.ValueKind == JsonValueKind.True)
            || !doc.TryGetProperty(StateValueRules.VersionField, out JsonElement versionField))
        {
            return null;
        }

        return CouchVersionField.Decode(versionField.GetString()!).Version;
    }
}
