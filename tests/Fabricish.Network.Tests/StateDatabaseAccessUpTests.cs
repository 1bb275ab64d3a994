using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fabricish.Network.Tests.Up;

namespace Fabricish.Network.Tests;

/// <summary>The peers' state databases of the network <c>./fabricish up</c> starts admit only their admin, whose random
/// credentials up keeps owner-only in the run folder and gives the peer: another local process can neither read nor
/// change the ledger state a peer serves.</summary>
[Collection(UpNetworkCollection.Name)]
public sealed class StateDatabaseAccessUpTests(UpNetworkFixture network)
{
    [Theory]
    [InlineData("couchdb0")]
    [InlineData("couchdb1")]
    public async Task Anonymous_writes_and_reads_of_a_peers_state_database_are_refused_and_its_admin_reads_the_ledger_state(string couch)
    {
        RunFolder run = network.Run;
        SampleTransaction sample = run.Sample ?? throw new InvalidOperationException("network.json has no sample transaction");
        string database = $"{run.Channel}_{run.Chaincode}";
        using var anonymous = new HttpClient { BaseAddress = new Uri($"http://{run.Component(couch).Address}/") };

        var forged = new JsonObject { ["ID"] = sample.Asset, ["Owner"] = "Mallory" };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync($"{database}/forged-asset", forged)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(database, forged)).StatusCode);
        var bulk = new JsonObject { ["docs"] = new JsonArray(new JsonObject { ["_id"] = "forged-asset", ["Owner"] = "Mallory" }) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"{database}/_bulk_docs", bulk)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsync($"{run.Channel}_forged", content: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{database}/{sample.Asset}")).StatusCode);

        string credentials = Path.Combine(run.Path, "config", $"{couch}.credentials");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credentials));
        }

        Dictionary<string, string> settings = File.ReadAllLines(credentials)
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
            .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        using var admin = new HttpClient { BaseAddress = anonymous.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings["COUCHDB_USER"]}:{settings["COUCHDB_PASSWORD"]}")));
        JsonObject asset = (await admin.GetFromJsonAsync<JsonObject>($"{database}/{sample.Asset}"))!;
        Assert.Equal("Tomoko", (string?)asset["Owner"]);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{database}/forged-asset")).StatusCode);
    }
}
