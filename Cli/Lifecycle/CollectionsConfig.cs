using System.Text.Json;
using Fabricish.Channels.Policies;
using Fabricish.Protos.Peer;

namespace Fabricish.Cli.Lifecycle;

/// <summary>Fabric's <c>--collections-config</c> file (internal/peer/chaincode getCollectionConfigFromBytes): a JSON
/// array of collections, each with name, policy (signature policy DSL), requiredPeerCount (default 0), maxPeerCount
/// (default 1), blockToLive, memberOnlyRead, memberOnlyWrite and an optional endorsementPolicy
/// (<c>signaturePolicy</c> or <c>channelConfigPolicy</c>), turned into a CollectionConfigPackage.</summary>
internal static class CollectionsConfig
{
    // Go's encoding/json matches field names case-insensitively.
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = false };

    /// <returns>The package, or null with <paramref name="error"/> in Fabric's words.</returns>
    public static CollectionConfigPackage? FromFile(string file, out string? error)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (IOException e)
        {
            error = $"invalid collection configuration in file {file}: could not read file '{file}': {e.Message}";
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            error = $"invalid collection configuration in file {file}: could not read file '{file}': {e.Message}";
            return null;
        }

        CollectionConfigPackage? package = Parse(text, out error);
        if (package is null)
        {
            error = $"invalid collection configuration in file {file}: {error}";
        }

        return package;
    }

    public static CollectionConfigPackage? Parse(string json, out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        error = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            error = $"could not parse the collection configuration: {e.Message}";
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                error = "could not parse the collection configuration: expected a JSON array of collections";
                return null;
            }

            var package = new CollectionConfigPackage();
            foreach (JsonElement item in document.RootElement.EnumerateArray())
            {
                if (Collection(item, out error) is not { } collection)
                {
                    return null;
                }

                package.Config.Add(new CollectionConfig { StaticCollectionConfig = collection });
            }

            return package;
        }
    }

    private static StaticCollectionConfig? Collection(JsonElement item, out string? error)
    {
        error = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            error = "could not parse the collection configuration: each collection must be a JSON object";
            return null;
        }

        try
        {
            string policyText = String(item, "policy") ?? string.Empty;
            var policy = PolicyParser.ParseSignaturePolicy(policyText);
            if (policy.Value is null)
            {
                error = $"invalid policy {policyText}: {policy.Error}";
                return null;
            }

            var collection = new StaticCollectionConfig
            {
                Name = String(item, "name") ?? string.Empty,
                MemberOrgsPolicy = new CollectionPolicyConfig { SignaturePolicy = policy.Value },
                RequiredPeerCount = Property(item, "requiredPeerCount") is { ValueKind: not JsonValueKind.Null } required ? required.GetInt32() : 0,
                MaximumPeerCount = Property(item, "maxPeerCount") is { ValueKind: not JsonValueKind.Null } max ? max.GetInt32() : 1,
                BlockToLive = Property(item, "blockToLive") is { ValueKind: not JsonValueKind.Null } btl ? btl.GetUInt64() : 0,
                MemberOnlyRead = Property(item, "memberOnlyRead") is { ValueKind: not JsonValueKind.Null } read && read.GetBoolean(),
                MemberOnlyWrite = Property(item, "memberOnlyWrite") is { ValueKind: not JsonValueKind.Null } write && write.GetBoolean(),
            };
            if (Property(item, "endorsementPolicy") is { ValueKind: JsonValueKind.Object } endorsement)
            {
                string? signature = String(endorsement, "signaturePolicy");
                string? channelConfig = String(endorsement, "channelConfigPolicy");
                if (EndorsementPolicy(signature, channelConfig, out error) is { } applicationPolicy)
                {
                    collection.EndorsementPolicy = applicationPolicy;
                }
                else if (error is not null)
                {
                    error = $"invalid endorsement policy [SignaturePolicy:\"{signature}\", ChannelConfigPolicy:\"{channelConfig}\"]: {error}";
                    return null;
                }
            }

            return collection;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            error = $"could not parse the collection configuration: {e.Message}";
            return null;
        }
    }

    /// <summary>Fabric's getApplicationPolicy: none when both are empty, an error when both are given.</summary>
    private static ApplicationPolicy? EndorsementPolicy(string? signaturePolicy, string? channelConfigPolicy, out string? error)
    {
        error = null;
        bool hasSignature = !string.IsNullOrEmpty(signaturePolicy);
        bool hasReference = !string.IsNullOrEmpty(channelConfigPolicy);
        if (hasSignature && hasReference)
        {
            error = "cannot specify both \"--signature-policy\" and \"--channel-config-policy\"";
            return null;
        }

        if (hasReference)
        {
            return new ApplicationPolicy { ChannelConfigPolicyReference = channelConfigPolicy };
        }

        if (!hasSignature)
        {
            return null;
        }

        var parsed = PolicyParser.ParseSignaturePolicy(signaturePolicy!);
        if (parsed.Value is null)
        {
            error = $"invalid signature policy: {signaturePolicy}";
            return null;
        }

        return new ApplicationPolicy { SignaturePolicy = parsed.Value };
    }

    private static string? String(JsonElement item, string name) =>
        Property(item, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static JsonElement? Property(JsonElement item, string name)
    {
        foreach (JsonProperty property in item.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
