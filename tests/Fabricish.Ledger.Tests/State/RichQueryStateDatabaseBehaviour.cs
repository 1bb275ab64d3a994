using Fabricish.Ledger.State;

namespace Fabricish.Ledger.Tests.State;

/// <summary>The shared behaviour plus rich (Mango) queries, for the databases that answer them.</summary>
public abstract class RichQueryStateDatabaseBehaviour : StateDatabaseBehaviour
{
    [Fact]
    public async Task Rich_query_returns_only_documents_whose_json_fields_match_the_selector()
    {
        IStateDatabase db = CreateFresh();
        await ApplyAsync(db, 1,
            ("m1", "{\"docType\":\"marble\",\"owner\":\"tom\",\"size\":50,\"color\":{\"name\":\"blue\"}}"),
            ("m2", "{\"docType\":\"marble\",\"owner\":\"jerry\",\"size\":10,\"color\":{\"name\":\"red\"}}"),
            ("m3", "{\"docType\":\"marble\",\"owner\":\"tom\",\"size\":5,\"color\":{\"name\":\"red\"}}"),
            ("p1", "{\"docType\":\"paper\",\"owner\":\"tom\",\"size\":70}"),
            ("bin", "not json"));

        Assert.Equal(["m1", "m3"], await KeysAsync(db.ExecuteQueryAsync(Ns, "{\"selector\":{\"docType\":\"marble\",\"owner\":\"tom\"}}")));
        Assert.Equal(["m1", "p1"], await KeysAsync(db.ExecuteQueryAsync(Ns, "{\"selector\":{\"size\":{\"$gt\":20}}}")));
        Assert.Equal(["m2", "m3"], await KeysAsync(db.ExecuteQueryAsync(Ns, "{\"selector\":{\"color.name\":\"red\"}}")));
        Assert.Equal(["m2", "p1"], await KeysAsync(db.ExecuteQueryAsync(
            Ns, "{\"selector\":{\"$or\":[{\"owner\":\"jerry\"},{\"docType\":{\"$in\":[\"paper\"]}}]}}")));

        VersionedKV projected = Assert.Single(await ListAsync(db.ExecuteQueryAsync(Ns, "{\"selector\":{\"size\":10},\"fields\":[\"owner\"]}")));
        Assert.Equal("{\"owner\":\"jerry\"}", Text(projected.VersionedValue.Value));
        Assert.Equal(new Height(1, 1), projected.VersionedValue.Version);
    }

    [Fact]
    public async Task Rich_query_pages_follow_bookmarks_through_every_match_exactly_once()
    {
        IStateDatabase db = CreateFresh();
        string[] keys = Enumerable.Range(0, 7).Select(i => $"m{i}").ToArray();
        await ApplyAsync(db, 1, keys.Select(k => (k, (string?)"{\"docType\":\"marble\"}")).Append(("other", "{\"docType\":\"x\"}")).ToArray());
        const string query = "{\"selector\":{\"docType\":\"marble\"}}";

        var seen = new List<string>();
        string bookmark = "";
        for (int page = 0; page < 5; page++)
        {
            ResultsPage results = await db.ExecuteQueryPageAsync(Ns, query, pageSize: 3, bookmark);
            Assert.True(results.Results.Count <= 3);
            seen.AddRange(results.Results.Select(r => r.Key));
            bookmark = results.Bookmark;
            if (results.Results.Count < 3)
            {
                break;
            }
        }

        Assert.Equal(keys, seen);
        Assert.Equal(keys, await KeysAsync(db.ExecuteQueryAsync(Ns, query)));
    }
}
