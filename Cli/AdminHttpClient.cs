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

    private AdminHttpClient(Uri baseAddress, TimeSpan timeout)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = timeout };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>Accepts host:port (http assumed) or an http(s) URL.</summary>
    public static AdminHttpClient? TryCreate(string address, TimeSpan timeout, out string? error)
    {
        string url = address.Contains("://", StringComparison.Ordinal) ? address : "http://" + address;
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
        {
            error = $"'{address}' is not host:port or an http(s) URL";
            return null;
        }

        error = null;
        return new AdminHttpClient(uri, timeout);
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
                return new AdminAnswer(0, string.Empty, $"cannot reach {_http.BaseAddress}: {e.Message}");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new AdminAnswer(0, string.Empty, $"{_http.BaseAddress} did not answer within {_http.Timeout.TotalSeconds:0} s");
            }
        }
    }

    public void Dispose() => _http.Dispose();

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
