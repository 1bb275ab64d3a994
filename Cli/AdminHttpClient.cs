using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fabricish.Cli;

/// <summary>
/// HTTP to a node's admin API (the orderer's channel participation API, the peer's channel API). Every outcome —
/// refusal, unreachable node, time-out — comes back as an <see cref="AdminAnswer"/>; only a malformed address is the
/// caller's error.
/// </summary>
internal sealed class AdminHttpClient : IDisposable
{
    private readonly HttpClient _http;

    private AdminHttpClient(Uri baseAddress, TimeSpan timeout, HttpMessageHandler handler)
    {
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>Accepts host:port (https with <paramref name="tls"/>, else http) or an http(s) URL.</summary>
    public static AdminHttpClient? TryCreate(string address, TimeSpan timeout, AdminTls tls, out string? error)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(tls);
        string url = address.Contains("://", StringComparison.Ordinal) ? address : (tls.IsEnabled ? "https://" : "http://") + address;
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
        {
            error = $"'{address}' is not host:port or an http(s) URL";
            return null;
        }

        if (tls.IsEnabled && uri.Scheme != "https")
        {
            error = $"'{address}' is an http URL but --ca-file asks for TLS";
            return null;
        }

        HttpMessageHandler? handler = tls.TryCreateHandler(uri.IdnHost, out error);
        return error is null ? new AdminHttpClient(uri, timeout, handler ?? new SocketsHttpHandler()) : null;
    }

    public async Task<AdminAnswer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                return new AdminAnswer((int)response.StatusCode, body, response.IsSuccessStatusCode ? null : ErrorOf(body, response.ReasonPhrase));
            }
            catch (HttpRequestException e)
            {
                // An orderer's admin listener is mutual TLS: a plaintext request is cut off without an answer.
                string hint = _http.BaseAddress!.Scheme == "http" && e.HttpRequestError == HttpRequestError.ResponseEnded
                    ? " (an orderer's admin endpoint requires TLS: pass --ca-file, --client-cert and --client-key)"
                    : string.Empty;
                return new AdminAnswer(0, string.Empty, $"cannot reach {_http.BaseAddress}: {Describe(e)}{hint}");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new AdminAnswer(0, string.Empty, $"{_http.BaseAddress} did not answer within {_http.Timeout.TotalSeconds:0} s");
            }
        }
    }

    public void Dispose() => _http.Dispose();

    // A refused TLS handshake surfaces as "The SSL connection could not be established"; the inner reason says why.
    private static string Describe(HttpRequestException e) =>
        e.InnerException is { } inner && inner.Message != e.Message ? $"{e.Message} ({inner.Message})" : e.Message;

    private static string ErrorOf(string body, string? reason)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject json && json["error"] is JsonValue error)
            {
                return error.ToString();
            }
        }
        catch (JsonException)
        {
            // Not the admin APIs' {"error": ...} shape: report the status line instead.
        }

        return reason ?? "request failed";
    }
}
