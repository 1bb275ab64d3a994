using System.Text.Json.Serialization;

namespace Fabricish.Samples.AssetTransfer;

/// <summary>The asset of asset-transfer-basic; JSON names match Fabric's sample so clients interoperate.</summary>
public sealed class Asset
{
    [JsonPropertyName("ID")]
    public required string Id { get; init; }

    [JsonPropertyName("Color")]
    public required string Color { get; init; }

    [JsonPropertyName("Size")]
    public int Size { get; init; }

    [JsonPropertyName("Owner")]
    public required string Owner { get; set; }

    [JsonPropertyName("AppraisedValue")]
    public int AppraisedValue { get; init; }

    /// <summary>Lets rich queries select assets among other documents in the same namespace.</summary>
    [JsonPropertyName("docType")]
    public string DocType { get; init; } = "asset";
}
