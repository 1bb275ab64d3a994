using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Fabricish.Ledger.State.CouchDb;

/// <summary>How a node reaches its CouchDB: HTTP Basic credentials as Fabric's couchDBConfig username/password (CouchDB
/// 3 and the repository's guarded pouchdb-server both take them), and the start-up check that they are a server
/// admin's.</summary>
public static class CouchDbConnection
{
    /// <summary>A client for the server at <paramref name="serverRoot"/> sending the credentials with every request.</summary>
    public static HttpClient CreateHttpClient(Uri serverRoot, string? username, string? password, HttpMessageHandler? handler = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(serverRoot);
        string root = serverRoot.ToString();
        var http = handler is null ? new HttpClient() : new HttpClient(handler);
        http.BaseAddress = new Uri(root.EndsWith('/') ? root : root + "/");
        http.Timeout = timeout ?? TimeSpan.FromSeconds(35);
        if (!string.IsNullOrEmpty(username))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        }

        return http;
    }

    /// <summary>Asks the server who the client is (<c>GET /_session</c>).</summary>
    /// <returns>null when the client is a server admin; why the server could not be asked, when it cannot be reached
    /// (the caller decides whether to wait for it).</returns>
    /// <exception cref="CouchDbAuthenticationException">The server refused the credentials (401/403) or they are not
    /// a server admin's.</exception>
    public static async Task<string?> VerifyServerAdminAsync(HttpClient http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        string who = http.DefaultRequestHeaders.Authorization is null ? "without credentials" : "with the configured credentials";
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(new Uri("_session", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            return $"GET {http.BaseAddress}_session failed: {e.Message}";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"GET {http.BaseAddress}_session timed out";
        }

        using (response)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new CouchDbAuthenticationException(
                    $"CouchDB authentication failed: {http.BaseAddress} refused a request {who} ({(int)response.StatusCode} {Shorten(body)})");
            }

            if (!response.IsSuccessStatusCode)
            {
                return $"GET {http.BaseAddress}_session answered {(int)response.StatusCode} {Shorten(body)}";
            }

            if (!IsServerAdmin(body))
            {
                throw new CouchDbAuthenticationException(
                    $"CouchDB authentication: the user {who} is not a server admin of {http.BaseAddress} (the peer creates its databases; _session: {Shorten(body)})");
            }

            return null;
        }
    }

    private static bool IsServerAdmin(string session)
    {
        try
        {
            using JsonDocument json = JsonDocument.Parse(session);
            return json.RootElement.TryGetProperty("userCtx", out JsonElement user)
                && user.TryGetProperty("roles", out JsonElement roles)
                && roles.ValueKind == JsonValueKind.Array
                && roles.EnumerateArray().Any(r => r.ValueKind == JsonValueKind.String && r.GetString() == "_admin");
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string body) => body.Length <= 200 ? body.Trim() : body[..200] + "...";
}
