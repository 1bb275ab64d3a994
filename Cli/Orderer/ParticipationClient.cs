using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fabricish.Cli.Orderer;

/// <summary>An HTTP client of Fabric's channel participation API (<c>/participation/v1/channels</c>). Outcomes come
/// back as <see cref="AdminAnswer"/> values.</summary>
internal sealed class ParticipationClient : IDisposable
{
    public const string ChannelsPath = "/participation/v1/channels";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly AdminHttpClient _http;

    private ParticipationClient(AdminHttpClient http) => _http = http;

    public static ParticipationClient? TryCreate(string address, AdminTls tls, out string? error)
    {
        AdminHttpClient? http = AdminHttpClient.TryCreate(address, TimeSpan.FromSeconds(30), tls, out error);
        return http is null ? null : new ParticipationClient(http);
    }

    public Task<AdminAnswer> JoinAsync(byte[] configBlock, CancellationToken cancellationToken)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(configBlock);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "config-block", "config.block");
        return _http.SendAsync(new HttpRequestMessage(HttpMethod.Post, ChannelsPath) { Content = form }, cancellationToken);
    }

    public Task<AdminAnswer> ListAsync(string? channel, CancellationToken cancellationToken) =>
        _http.SendAsync(new HttpRequestMessage(HttpMethod.Get, channel is null ? ChannelsPath : $"{ChannelsPath}/{Uri.EscapeDataString(channel)}"), cancellationToken);

    public Task<AdminAnswer> RemoveAsync(string channel, CancellationToken cancellationToken) =>
        _http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"{ChannelsPath}/{Uri.EscapeDataString(channel)}"), cancellationToken);

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
}
