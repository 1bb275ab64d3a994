using System.Text;
using System.Text.Json.Nodes;

namespace Fabricish.Cli.Chaincode;

/// <summary>A chaincode result as JSON: the payload as text when it is UTF-8, else as base64 under <c>payloadBase64</c>.</summary>
internal static class PayloadJson
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static JsonObject Describe(string transactionId, int status, string message, byte[] payload)
    {
        var json = new JsonObject { ["txId"] = transactionId, ["status"] = status };
        if (message.Length > 0)
        {
            json["message"] = message;
        }

        try
        {
            json["payload"] = StrictUtf8.GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            json["payloadBase64"] = Convert.ToBase64String(payload);
        }

        return json;
    }
}
