using System.Net;
using System.Text.Json;

namespace Fabricish.Ledger.State.CouchDb;

/// <summary>A CouchDB reply below 500: its status and JSON body, which the caller disposes.</summary>
internal sealed class CouchResponse(HttpStatusCode status, JsonDocument body) : IDisposable
{
    public HttpStatusCode Status { get; } = status;

    public JsonElement Body => body.RootElement;

    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>CouchDB's "error: reason" text, for messages.</summary>
    public string Reason =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("reason", out JsonElement reason)
            ? $"{(Body.TryGetProperty("error", out JsonElement error) ? error.ToString() : Status.ToString())}: {reason}"
            : Status.ToString();

    public void Dispose() => body.Dispose();
}
