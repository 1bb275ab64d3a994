using System.Net.Http.Headers;

namespace Fabricish.Cli.Peer;

/// <summary>An HTTP client of the peer's admin API (<c>/peer/v1/channels</c>). Outcomes come back as
/// <see cref="AdminAnswer"/> values.</summary>
internal sealed class PeerAdminClient : IDisposable
{
    public const string ChannelsPath = "/peer/v1/channels";

    private readonly AdminHttpClient _http;

    private PeerAdminClient(AdminHttpClient http) => _http = http;

    public static PeerAdminClient? TryCreate(string address, out string? error)
    {
        AdminHttpClient? http = AdminHttpClient.TryCreate(address, TimeSpan.FromSeconds(60), AdminTls.None, out error);
        return http is null ? null : new PeerAdminClient(http);
    }

    /// <summary>Posts a signed cscc JoinChain proposal.</summary>
    public Task<AdminAnswer> JoinAsync(byte[] signedProposal, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(signedProposal);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return _http.SendAsync(new HttpRequestMessage(HttpMethod.Post, ChannelsPath) { Content = content }, cancellationToken);
    }

    public Task<AdminAnswer> ListAsync(CancellationToken cancellationToken) =>
        _http.SendAsync(new HttpRequestMessage(HttpMethod.Get, ChannelsPath), cancellationToken);

    /// <summary>The channel's height and newest block hashes (Fabric's BlockchainInfo).</summary>
    public Task<AdminAnswer> InfoAsync(string channel, CancellationToken cancellationToken) =>
        _http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{ChannelsPath}/{Uri.EscapeDataString(channel)}/info"), cancellationToken);

    public void Dispose() => _http.Dispose();
}
