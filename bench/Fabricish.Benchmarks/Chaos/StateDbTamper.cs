using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Fabricish.Client;
using Grpc.Core;

namespace Fabricish.Benchmarks.Chaos;

/// <summary>
/// A local process without the CouchDB admin's credentials tries to plant an asset in Org1's state database: list the
/// databases, write a document into the chaincode's database, and with a wrong password. Every request must be refused,
/// and Org1's peer must not know the planted asset (ReadAsset through its gateway).
/// </summary>
public sealed class StateDbTamper(string couch, string peerOrg) : IChaosFault
{
    public string Name => "tamper-statedb";

    public TimeSpan Hold => TimeSpan.Zero;

    public bool NeedsHosts => false;

    public async Task<FaultStep> InjectAsync(ChaosContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string baseUrl = $"http://{context.Network.Component(couch).Address}/";
        string asset = $"{context.Load.Tag}-tamper";
        string database = await ChaincodeDatabaseAsync(context, baseUrl, cancellationToken).ConfigureAwait(false);
        string document = $$"""{"ID":"{{asset}}","Color":"red","Size":1,"Owner":"mallory","AppraisedValue":1,"docType":"asset"}""";
        var outcomes = new List<(string What, HttpStatusCode? Status)>
        {
            ("anonymous GET /_all_dbs", await SendAsync(HttpMethod.Get, baseUrl + "_all_dbs", null, null, cancellationToken).ConfigureAwait(false)),
            ($"anonymous PUT /{database}/{asset}", await SendAsync(HttpMethod.Put, $"{baseUrl}{database}/{asset}", document, null, cancellationToken).ConfigureAwait(false)),
            ("PUT with a wrong password", await SendAsync(HttpMethod.Put, $"{baseUrl}{database}/{asset}", document, ("admin", "guess"), cancellationToken).ConfigureAwait(false)),
        };
        List<string> through = [.. outcomes.Where(o => o.Status is { } s && (int)s < 400).Select(o => $"{o.What}: {(int)o.Status!}")];
        string refused = string.Join(", ", outcomes.Where(o => o.Status is null || (int)o.Status >= 400).Select(o => o.Status is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no connection"));
        string read = await ReadAssetAsync(context, asset, cancellationToken).ConfigureAwait(false);
        bool unknown = read.Contains("does not exist", StringComparison.OrdinalIgnoreCase);
        string action = $"without {couch}'s admin credentials: " + string.Join(", ", outcomes.Select(o => o.What));
        string result = $"refused {outcomes.Count - through.Count}/{outcomes.Count} ({refused}){(through.Count > 0 ? "; GOT THROUGH: " + string.Join(", ", through) : "")}; "
            + (unknown ? $"ReadAsset {asset} through {peerOrg}'s peer: does not exist" : $"ReadAsset {asset} through {peerOrg}'s peer: {read}");
        return through.Count == 0 && unknown ? FaultStep.Done(action, result) : FaultStep.Failed(action, result);
    }

    public Task<FaultStep> HealAsync(ChaosContext context, CancellationToken cancellationToken) => Task.FromResult(FaultStep.Done("nothing to heal"));

    /// <summary>The chaincode's state database (Fabric names it channel_chaincode), found as the admin would; the
    /// channel's name alone when the admin's file cannot be read, so the write attempt still aims at the real server.</summary>
    private async Task<string> ChaincodeDatabaseAsync(ChaosContext context, string baseUrl, CancellationToken cancellationToken)
    {
        string channel = context.Network.Layout.Channel;
        string fallback = $"{channel}_{context.Network.Layout.Chaincode}";
        string credentials = Path.Combine(context.Network.RunDirectory, "config", couch + ".credentials");
        if (!File.Exists(credentials))
        {
            return fallback;
        }

        Dictionary<string, string> settings = File.ReadLines(credentials).Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl + "_all_dbs"));
        request.Headers.Authorization = Basic(settings.GetValueOrDefault("COUCHDB_USER", ""), settings.GetValueOrDefault("COUCHDB_PASSWORD", ""));
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return fallback;
        }

        JsonArray? names = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))?.AsArray();
        return names?.Select(n => n?.GetValue<string>()).OfType<string>()
            .FirstOrDefault(n => n.StartsWith(channel + "_", StringComparison.Ordinal) && n.Contains(context.Network.Layout.Chaincode, StringComparison.Ordinal)) ?? fallback;
    }

    private static async Task<HttpStatusCode?> SendAsync(HttpMethod method, string url, string? body, (string User, string Password)? login, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(method, new Uri(url));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (login is { } l)
        {
            request.Headers.Authorization = Basic(l.User, l.Password);
        }

        try
        {
            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private async Task<string> ReadAssetAsync(ChaosContext context, string asset, CancellationToken cancellationToken)
    {
        var client = context.Load.Clients.First(c => string.Equals(c.Endpoint.Name, peerOrg, StringComparison.OrdinalIgnoreCase));
        try
        {
            byte[] result = await client.Contract.NewProposal("ReadAsset", ProposalOptions.WithArguments(asset)).EvaluateAsync(cancellationToken).ConfigureAwait(false);
            return "answered " + Encoding.UTF8.GetString(result);
        }
        catch (Exception e) when (e is GatewayException or RpcException)
        {
            string message = e is GatewayException g ? string.Join(" ", g.Details.Select(d => d.Message).Prepend(g.Message)) : ((RpcException)e).Status.Detail;
            return message.ReplaceLineEndings(" ");
        }
    }
}
