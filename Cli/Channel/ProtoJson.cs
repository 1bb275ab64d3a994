using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Fabricish.Cli.Channel;

/// <summary>Proto3 JSON in configtxlator's flavour (original snake_case field names, default values present),
/// as mutable nodes so nested bytes can be swapped for their decoded messages.</summary>
internal static class ProtoJson
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true).WithPreserveProtoFieldNames(true));

    public static JsonObject Object(IMessage message) => (JsonObject)JsonNode.Parse(Formatter.Format(message))!;

    public static string Base64(ByteString bytes) => Convert.ToBase64String(bytes.Span);

    /// <summary>Parses <paramref name="bytes"/> as <typeparamref name="T"/> and renders it, or keeps the raw base64
    /// when the bytes are not that message, so inspect shows what is there rather than failing.</summary>
    public static JsonNode Decode<T>(ByteString bytes, MessageParser<T> parser, Action<T, JsonObject>? expand = null)
        where T : IMessage<T>
    {
        T message;
        try
        {
            message = parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return JsonValue.Create(Base64(bytes));
        }

        JsonObject json = Object(message);
        expand?.Invoke(message, json);
        return json;
    }

    /// <summary>Certificates and CRLs are stored as PEM bytes; shown as their text, which is what an operator compares.</summary>
    public static JsonNode Pem(ByteString bytes)
    {
        if (bytes.IsEmpty)
        {
            return JsonValue.Create("")!;
        }

        try
        {
            string text = new UTF8Encoding(false, true).GetString(bytes.Span);
            if (text.StartsWith("-----BEGIN", StringComparison.Ordinal))
            {
                return JsonValue.Create(text)!;
            }
        }
        catch (DecoderFallbackException)
        {
            // Not text: fall through to base64.
        }

        return JsonValue.Create(Base64(bytes))!;
    }

    public static JsonArray PemArray(IEnumerable<ByteString> items) => [.. items.Select(Pem)];
}
