using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fabricish.Cli.Peer;

/// <summary>An HTTP client of the peer's admin API (<c>/peer/v1/channels</c>). Answers come back as values; only a
/// malformed address is the caller's error.</summary>
internal sealed class PeerAdminClient : IDisposable
{
    public const string ChannelsPath = "/peer/v1/channels";

    private readonly HttpClient _http;

    private PeerAdminClient(Uri baseAddress)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public sealed record Answer(int StatusCode, string Body, string? Error)
    {
        public bool IsSuccess => StatusCode is >= 200 and < 300;
    }

    public static PeerAdminClient? TryCreate(string address, out string? error)
    {
        string url = address.Contains("://", StringComparison.Ordinal) ? address : "http://" + address;
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
        {
            error = $"'{address}' is not host:port or an http(s) URL";
            return null;
        }

        error = null;
        return new PeerAdminClient(uri);
    }

    /// <summary>Posts a signed cscc JoinChain proposal.</summary>
    public Task<Answer> JoinAsync(byte[] signedProposal, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(signedProposal);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, ChannelsPath) { Content = content }, cancellationToken);
    }

    public Task<Answer> ListAsync(CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, ChannelsPath), cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<Answer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                return new Answer((int)response.StatusCode, body, response.IsSuccessStatusCode ? null : ErrorOf(body, response.ReasonPhrase));
            }
            catch (HttpRequestException e)
            {
                return new Answer(0, string.Empty, $"cannot reach {_http.BaseAddress}: {e.Message}");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new Answer(0, string.Empty, $"{_http.BaseAddress} did not answer within {_http.Timeout.TotalSeconds:0} s");
            }
        }
    }

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
            // Not the admin API's error shape: report the status line instead.
        }

        return reason ?? "request failed";
    }
}
