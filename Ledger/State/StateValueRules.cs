using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fabricish.Ledger.State;

/// <summary>What counts as a JSON value and which keys and values the CouchDB state database accepts, shared by
/// every <see cref="IStateDatabase"/> so the endorser sees the same rules whichever database a peer runs.</summary>
public static class StateValueRules
{
    /// <summary>Document field holding the encoded version (Fabric's versionField).</summary>
    public const string VersionField = "~version";

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 256 };

    /// <summary>Fabric treats a value as JSON only when it decodes to an object; arrays, strings, numbers and
    /// null are stored as opaque bytes. The caller disposes the document.</summary>
    public static bool TryParseJsonObject(ReadOnlyMemory<byte> value, out JsonDocument? document)
    {
        document = null;
        try
        {
            var parsed = JsonDocument.Parse(value, ParseOptions);
            if (parsed.RootElement.ValueKind == JsonValueKind.Object)
            {
                document = parsed;
                return true;
            }

            parsed.Dispose();
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static string? ValidateKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (int i = 0; i < key.Length; i++)
        {
            if (char.IsHighSurrogate(key[i]) && i + 1 < key.Length && char.IsLowSurrogate(key[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(key[i]))
            {
                return $"invalid key [{Convert.ToHexString(Encoding.UTF8.GetBytes(key))}], must be a UTF-8 string";
            }
        }

        // CouchDB reserves ids starting with '_' (design and local documents).
        return key.StartsWith('_') ? $"invalid key [{key}], cannot begin with \"_\"" : null;
    }

    public static string? ValidateValue(byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!TryParseJsonObject(value, out JsonDocument? document))
        {
            return null;
        }

        using (document)
        {
            foreach (JsonProperty property in document!.RootElement.EnumerateObject())
            {
                if (property.Name == VersionField || property.Name.StartsWith('_'))
                {
                    return $"field [{property.Name}] is not valid for the CouchDB state database";
                }
            }
        }

        return null;
    }

    public static string? ValidateKeyValue(string key, byte[] value) => ValidateKey(key) ?? ValidateValue(value);

    /// <summary>Rejects a block that carries a write the database cannot store, before anything is written, so a
    /// failed block leaves no partial state behind.</summary>
    public static void ValidateBatch(UpdateBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (string ns in batch.GetUpdatedNamespaces())
        {
            foreach ((string key, StateUpdate update) in batch.GetUpdates(ns))
            {
                if ((ValidateKey(key) ?? (update.Value is null ? null : ValidateValue(update.Value))) is { } reason)
                {
                    throw new InvalidOperationException($"namespace '{ns}': {reason}");
                }
            }
        }
    }

    /// <summary>Parses a rich query as CouchDB's _find takes it: a JSON object, "fields" (if any) an array.</summary>
    public static JsonObject ParseRichQuery(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(query);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"rich query is not valid JSON: {e.Message}", nameof(query), e);
        }

        if (node is not JsonObject obj)
        {
            throw new ArgumentException("rich query must be a JSON object", nameof(query));
        }

        if (obj["fields"] is { } fields && fields is not JsonArray)
        {
            throw new ArgumentException("fields definition must be an array", nameof(query));
        }

        if (obj["selector"] is not JsonObject)
        {
            throw new ArgumentException("rich query must have a \"selector\" object", nameof(query));
        }

        return obj;
    }

    /// <summary>The bytes a JSON value reads back as: Go's marshalling of the stored fields.</summary>
    public static byte[] NormalizeJson(JsonElement obj) => GoJsonWriter.WriteObject(obj);
}
