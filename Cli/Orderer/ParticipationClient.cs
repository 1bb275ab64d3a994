using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fabricish.Cli.Orderer;

/// <summary>An HTTP client of Fabric's channel participation API (<c>/participation/v1/channels</c>). Answers come
/// back as values; only a malformed address is the caller's error.</summary>
internal sealed class ParticipationClient : IDisposable
{
    public const string ChannelsPath = "/participation/v1/channels";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly HttpClient _http;

    private ParticipationClient(Uri baseAddress)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public sealed record Answer(int StatusCode, string Body, string? Error)
    {
        public bool IsSuccess => StatusCode is >= 200 and < 300;
    }

    public static ParticipationClient? TryCreate(string address, out string? error)
    {
        string url = address.Contains("://", StringComparison.Ordinal) ? address : "http://" + address;
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
        {
            error = $"'{address}' is not host:port or an http(s) URL";
            return null;
        }

        error = null;
        return new ParticipationClient(uri);
    }

    public Task<Answer> JoinAsync(byte[] configBlock, CancellationToken cancellationToken)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(configBlock);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "config-block", "config.block");
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, ChannelsPath) { Content = form }, cancellationToken);
    }

    public Task<Answer> ListAsync(string? channel, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, channel is null ? ChannelsPath : $"{ChannelsPath}/{Uri.EscapeDataString(channel)}"), cancellationToken);

    public Task<Answer> RemoveAsync(string channel, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"{ChannelsPath}/{Uri.EscapeDataString(channel)}"), cancellationToken);

    public void Dispose() => _http.Dispose();

    /// <summary>The body pretty-printed when it is JSON, as osnadmin prints it.</summary>
    public static string Pretty(string body)
    {
        try
        {
            return JsonNode.Parse(body)?.ToJsonString(Indented) ?? body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

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
            // Not Fabric's error shape: report the status line instead.
        }

        return reason ?? "request failed";
    }
}
