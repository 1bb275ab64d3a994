using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fabricish.Testing.Fixtures;
using Fabricish.Testing.Infra;

namespace Fabricish.Infra.Tests;

public sealed class PouchDbServerTests(PouchDbFixture fixture) : IClassFixture<PouchDbFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Bulk_docs_written_are_read_back_by_all_docs_keys_with_their_revisions()
    {
        using HttpClient http = fixture.Server.CreateClient();
        await CreateDatabaseAsync(http, "bulk");

        var docs = new JsonArray(
            new JsonObject { ["_id"] = "asset1", ["owner"] = "alice", ["value"] = 10 },
            new JsonObject { ["_id"] = "asset2", ["owner"] = "bob", ["value"] = 20 },
            new JsonObject { ["_id"] = "asset3", ["owner"] = "alice", ["value"] = 30 });
        HttpResponseMessage bulk = await http.PostAsJsonAsync("bulk/_bulk_docs", new JsonObject { ["docs"] = docs }, Json);
        Assert.Equal(HttpStatusCode.Created, bulk.StatusCode);
        JsonArray results = (await bulk.Content.ReadFromJsonAsync<JsonArray>())!;
        Dictionary<string, string> revs = results.ToDictionary(r => (string)r!["id"]!, r => (string)r!["rev"]!);
        Assert.Equal(3, revs.Count);

        HttpResponseMessage all = await http.PostAsJsonAsync(
            "bulk/_all_docs?include_docs=true", new JsonObject { ["keys"] = new JsonArray("asset3", "missing", "asset1") }, Json);
        all.EnsureSuccessStatusCode();
        JsonArray rows = (JsonArray)(await all.Content.ReadFromJsonAsync<JsonObject>())!["rows"]!;

        // Rows come back in the order of the keys asked for, with an error row for an absent key.
        Assert.Equal(["asset3", "missing", "asset1"], rows.Select(r => (string)r!["key"]!));
        Assert.Equal(revs["asset3"], (string)rows[0]!["value"]!["rev"]!);
        Assert.Equal(30, (int)rows[0]!["doc"]!["value"]!);
        Assert.Equal("not_found", (string)rows[1]!["error"]!);
        Assert.Equal(revs["asset1"], (string)rows[2]!["value"]!["rev"]!);
    }

    [Fact]
    public async Task Find_with_an_index_returns_only_the_matching_documents_sorted()
    {
        using HttpClient http = fixture.Server.CreateClient();
        await CreateDatabaseAsync(http, "rich");
        var docs = new JsonArray(
            new JsonObject { ["_id"] = "m1", ["docType"] = "marble", ["owner"] = "tom", ["size"] = 50 },
            new JsonObject { ["_id"] = "m2", ["docType"] = "marble", ["owner"] = "jerry", ["size"] = 10 },
            new JsonObject { ["_id"] = "m3", ["docType"] = "marble", ["owner"] = "tom", ["size"] = 5 });
        (await http.PostAsJsonAsync("rich/_bulk_docs", new JsonObject { ["docs"] = docs }, Json)).EnsureSuccessStatusCode();

        var index = new JsonObject { ["index"] = new JsonObject { ["fields"] = new JsonArray("owner", "size") }, ["name"] = "by-owner-size", ["type"] = "json" };
        (await http.PostAsJsonAsync("rich/_index", index, Json)).EnsureSuccessStatusCode();

        var query = new JsonObject
        {
            ["selector"] = new JsonObject { ["owner"] = "tom", ["size"] = new JsonObject { ["$gt"] = 0 } },
            ["sort"] = new JsonArray(new JsonObject { ["owner"] = "asc" }, new JsonObject { ["size"] = "asc" }),
            ["fields"] = new JsonArray("_id", "size"),
        };
        HttpResponseMessage found = await http.PostAsJsonAsync("rich/_find", query, Json);
        found.EnsureSuccessStatusCode();
        JsonArray matches = (JsonArray)(await found.Content.ReadFromJsonAsync<JsonObject>())!["docs"]!;

        Assert.Equal(["m3", "m1"], matches.Select(d => (string)d!["_id"]!));
    }

    [Fact]
    public async Task Anonymous_and_wrongly_authenticated_requests_are_refused_with_401_except_the_welcome()
    {
        using HttpClient admin = fixture.Server.CreateClient();
        await CreateDatabaseAsync(admin, "guarded");
        (await admin.PutAsJsonAsync("guarded/doc", new JsonObject { ["owner"] = "alice" }, Json)).EnsureSuccessStatusCode();
        using HttpClient anonymous = fixture.Server.CreateAnonymousClient();
        using HttpClient wrong = fixture.Server.CreateAnonymousClient();
        wrong.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{fixture.Server.Username}:wrong")));

        foreach (HttpClient intruder in new[] { anonymous, wrong })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await intruder.PutAsync("created-by-anyone", content: null)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await intruder.PutAsJsonAsync("guarded/doc2", new JsonObject { ["owner"] = "mallory" }, Json)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await intruder.PostAsJsonAsync("guarded", new JsonObject { ["owner"] = "mallory" }, Json)).StatusCode);
            var bulk = new JsonObject { ["docs"] = new JsonArray(new JsonObject { ["_id"] = "doc", ["owner"] = "mallory" }) };
            Assert.Equal(HttpStatusCode.Unauthorized, (await intruder.PostAsJsonAsync("guarded/_bulk_docs", bulk, Json)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await intruder.GetAsync("guarded/doc")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await intruder.GetAsync("guarded/_all_docs")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await intruder.DeleteAsync("guarded")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/")).StatusCode);
        Assert.Equal("alice", (string)(await admin.GetFromJsonAsync<JsonObject>("guarded/doc"))!["owner"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("guarded/doc2")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("created-by-anyone")).StatusCode);
    }

    private static async Task CreateDatabaseAsync(HttpClient http, string name)
    {
        HttpResponseMessage r = await http.PutAsync(name, content: null);
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
    }
}
