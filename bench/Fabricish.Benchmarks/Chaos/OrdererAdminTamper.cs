using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Fabricish.Benchmarks.Chaos;

/// <summary>
/// An attacker on the machine (or the network) tries to delete the channel from an orderer through the channel
/// participation API: over plaintext, over TLS without a client certificate, and with another organization's TLS
/// certificate. Every attempt must be refused, and afterwards the orderer must still serve the channel (checked as the
/// orderer org's Admin, whose TLS client certificate the admin listener trusts).
/// </summary>
public sealed class OrdererAdminTamper(string orderer) : IChaosFault
{
    public string Name => "tamper-admin";

    public TimeSpan Hold => TimeSpan.Zero;

    public bool NeedsHosts => false;

    public async Task<FaultStep> InjectAsync(ChaosContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string admin = context.Network.Component(orderer).SecondaryAddress
            ?? throw new InvalidOperationException($"network.json gives {orderer} no admin address");
        string path = $"/participation/v1/channels/{context.Network.Layout.Channel}";
        string crypto = context.Network.CryptoDirectory;
        string foreign = Path.Combine(crypto, "peerOrganizations", "org1.example.com", "peers", "peer0.org1.example.com", "tls");
        var attempts = new (string What, string Url, X509Certificate2? Client)[]
        {
            ("plaintext", $"http://{admin}{path}", null),
            ("TLS without a client certificate", $"https://{admin}{path}", null),
            ("TLS with Org1's certificate", $"https://{admin}{path}", X509Certificate2.CreateFromPemFile(Path.Combine(foreign, "server.crt"), Path.Combine(foreign, "server.key"))),
        };
        var refused = new List<string>();
        var through = new List<string>();
        foreach ((string what, string url, X509Certificate2? client) in attempts)
        {
            using (client)
            {
                string? answer = await DeleteAsync(url, client, cancellationToken).ConfigureAwait(false);
                (answer is null ? through : refused).Add(answer ?? $"{what}: DELETE succeeded");
            }
        }

        string adminTls = Path.Combine(crypto, "ordererOrganizations", "example.com", "users", "Admin@example.com", "tls");
        using X509Certificate2 adminCert = X509Certificate2.CreateFromPemFile(Path.Combine(adminTls, "client.crt"), Path.Combine(adminTls, "client.key"));
        string? still = await GetAsync($"https://{admin}{path}", adminCert, cancellationToken).ConfigureAwait(false);
        bool serving = still is not null && still.Contains("\"status\":\"active\"", StringComparison.Ordinal);
        string action = $"DELETE {path} on {orderer}'s admin listener: " + string.Join(", ", attempts.Select(a => a.What));
        string result = $"refused {refused.Count}/{attempts.Length} ({string.Join(", ", refused)}){(through.Count > 0 ? "; GOT THROUGH: " + string.Join(", ", through) : "")}; "
            + (serving ? $"{orderer} still serves the channel" : $"{orderer} no longer serves the channel: {still ?? "no answer"}");
        return through.Count == 0 && serving ? FaultStep.Done(action, result) : FaultStep.Failed(action, result);
    }

    public Task<FaultStep> HealAsync(ChaosContext context, CancellationToken cancellationToken) => Task.FromResult(FaultStep.Done("nothing to heal"));

    /// <returns>Null when the DELETE succeeded, otherwise how it was refused.</returns>
    private static async Task<string?> DeleteAsync(string url, X509Certificate2? client, CancellationToken cancellationToken)
    {
        using HttpClient http = Client(client);
        try
        {
            using HttpResponseMessage response = await http.DeleteAsync(new Uri(url), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} {response.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            return e.HttpRequestError switch
            {
                HttpRequestError.SecureConnectionError => "TLS handshake refused",
                HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse => "connection closed",
                _ => e.HttpRequestError.ToString(),
            };
        }
        catch (TaskCanceledException)
        {
            return "no answer within 10 s";
        }
    }

    private static async Task<string?> GetAsync(string url, X509Certificate2 client, CancellationToken cancellationToken)
    {
        using HttpClient http = Client(client);
        try
        {
            return await http.GetStringAsync(new Uri(url), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static HttpClient Client(X509Certificate2? certificate)
    {
        var handler = new SocketsHttpHandler
        {
            // The attacker does not care who the server is; the check is whether the server cares who the client is.
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        if (certificate is not null)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }

        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10), DefaultRequestVersion = HttpVersion.Version11 };
    }
}
