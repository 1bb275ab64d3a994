using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.CouchDb;
using Fabricish.Testing.Fixtures;
using Fabricish.Testing.Infra;

namespace Fabricish.Ledger.Tests.State;

/// <summary>The shared behaviour against pouchdb-server, plus what only a CouchDB-backed database has:
/// persistence across objects, Fabric's document and database layout, revision conflicts and outages.</summary>
public sealed class CouchDbStateDatabaseTests(PouchDbFixture fixture) : RichQueryStateDatabaseBehaviour, IClassFixture<PouchDbFixture>, IDisposable
{
    // A small internal page makes whole-range and whole-query iteration cross page boundaries.
    private static readonly CouchDbStateOptions Options = new() { InternalQueryLimit = 3, RetryDelay = TimeSpan.FromMilliseconds(20) };

    private readonly HttpClient _http = fixture.Server.CreateClient();

    public void Dispose() => _http.Dispose();

    protected override IStateDatabase Create(string channel) => new CouchDbStateDatabase(_http, channel, Options);

    [Fact]
    public async Task Savepoint_and_state_are_read_back_by_a_new_database_object_for_the_channel()
    {
        var first = (CouchDbStateDatabase)CreateFresh();
        await ApplyAsync(first, 4, ("k", "{\"v\":1}"));
        await ApplyAsync(first, 5, ("k", "{\"v\":2}"));

        var reopened = new CouchDbStateDatabase(_http, first.ChannelName, Options);

        Assert.Equal(new Height(5, 1), await reopened.GetLatestSavepointAsync());
        Assert.Equal("{\"v\":2}", Text((await reopened.GetStateAsync(Ns, "k"))!.Value));

        // The new object learns the savepoint revision on its own when it commits.
        // (A database object answers its own savepoint from memory, the peer being the only writer, so a third reads it.)
        await ApplyAsync(reopened, 6, ("k", null));
        Assert.Equal(new Height(6, 1), await new CouchDbStateDatabase(_http, first.ChannelName, Options).GetLatestSavepointAsync());
    }

    [Fact]
    public async Task A_deferred_savepoint_is_answered_from_memory_but_only_a_recorded_one_survives_a_restart()
    {
        var db = (CouchDbStateDatabase)CreateFresh();
        await ApplyAsync(db, 4, ("k", "{\"v\":1}"));
        var block = new UpdateBatch();
        block.Put(Ns, "k", Bytes("{\"v\":2}"), new Height(5, 0));
        await db.ApplyUpdatesAsync(block, new Height(5, 0), deferSavepoint: true);

        // The state is written and this object knows how far; the stored savepoint still names block 4, so a restart
        // re-applies block 5.
        Assert.Equal(new Height(5, 0), await db.GetLatestSavepointAsync());
        Assert.Equal("{\"v\":2}", Text((await db.GetStateAsync(Ns, "k"))!.Value));
        Assert.Equal(new Height(4, 1), await new CouchDbStateDatabase(_http, db.ChannelName, Options).GetLatestSavepointAsync());

        // An empty batch records the savepoint alone.
        await db.ApplyUpdatesAsync(new UpdateBatch(), new Height(5, 0));
        Assert.Equal(new Height(5, 0), await new CouchDbStateDatabase(_http, db.ChannelName, Options).GetLatestSavepointAsync());
    }

    [Fact]
    public async Task While_a_savepoint_write_is_in_flight_simulations_get_the_written_state_height_not_the_stored_one()
    {
        var counter = new ConflictCountingHandler();
        using var counted = fixture.Server.CreateClient(counter);
        var db = new CouchDbStateDatabase(counted, "ch" + Guid.NewGuid().ToString("N")[..12], Options);
        await ApplyAsync(db, 4, ("k", "{\"v\":1}"));
        var block = new UpdateBatch();
        block.Put(Ns, "k", Bytes("{\"v\":2}"), new Height(5, 0));
        await db.ApplyUpdatesAsync(block, new Height(5, 0), deferSavepoint: true);
        int reads = counter.SavepointReads;

        // The committer records the savepoint outside the commit lock, beside simulations; while that PUT is in flight
        // the stored document still names block 4, and a simulation that took its height from it would find "k" at
        // version 5:0 "newer than the simulation height".
        var release = new TaskCompletionSource();
        counter.HoldSavepointWrites = release.Task;
        Task recording = db.ApplyUpdatesAsync(new UpdateBatch(), new Height(5, 0));
        await counter.SavepointWriteReached.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new Height(5, 0), await db.GetLatestSavepointAsync());
        Assert.Equal(reads, counter.SavepointReads);

        release.SetResult();
        await recording.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new Height(5, 0), await new CouchDbStateDatabase(_http, db.ChannelName, Options).GetLatestSavepointAsync());
    }

    [Fact]
    public async Task Replaying_a_block_from_a_restarted_peer_converges_without_conflicts()
    {
        var db = (CouchDbStateDatabase)CreateFresh();
        var block = new UpdateBatch();
        block.Put(Ns, "a", Bytes("{\"v\":1}"), new Height(3, 0));
        block.Put(Ns, "b", [1, 2], new Height(3, 1));
        block.Delete(Ns, "c", new Height(3, 2));
        await db.ApplyUpdatesAsync(block, new Height(3, 3));

        // A crash before the savepoint: a fresh object (no cached revisions) applies the block again.
        var restarted = new CouchDbStateDatabase(_http, db.ChannelName, Options);
        await restarted.ApplyUpdatesAsync(block, new Height(3, 3));

        Assert.Equal("{\"v\":1}", Text((await restarted.GetStateAsync(Ns, "a"))!.Value));
        Assert.Equal([1, 2], (await restarted.GetStateAsync(Ns, "b"))!.Value);
        Assert.Equal(new Height(3, 3), await restarted.GetLatestSavepointAsync());
    }

    [Fact]
    public async Task A_revision_that_went_stale_after_loading_versions_is_reloaded_and_the_write_retried()
    {
        var counter = new ConflictCountingHandler();
        using var counted = fixture.Server.CreateClient(counter);
        var committer = new CouchDbStateDatabase(counted, "ch" + Guid.NewGuid().ToString("N")[..12], Options);
        await ApplyAsync(committer, 1, ("k", "{\"v\":1}"), ("other", "{\"v\":1}"));
        await committer.GetVersionsAsync([new(Ns, "k"), new(Ns, "other")]);

        // Someone else moves the document on after the committer cached its revision.
        var intruder = new CouchDbStateDatabase(_http, committer.ChannelName, Options);
        await ApplyAsync(intruder, 2, ("k", "{\"v\":2}"));

        await ApplyAsync(committer, 3, ("k", "{\"v\":3}"), ("other", "{\"v\":3}"));

        Assert.Equal(1, counter.Conflicts);
        Assert.Equal("{\"v\":3}", Text((await committer.GetStateAsync(Ns, "k"))!.Value));
        Assert.Equal("{\"v\":3}", Text((await committer.GetStateAsync(Ns, "other"))!.Value));
    }

    [Fact]
    public async Task Committed_states_loaded_for_a_block_leave_the_revisions_its_write_needs_so_the_write_reads_nothing()
    {
        var counter = new ConflictCountingHandler();
        using var counted = fixture.Server.CreateClient(counter);
        string channel = "cs" + Guid.NewGuid().ToString("N")[..12];
        await ApplyAsync(new CouchDbStateDatabase(_http, channel, Options), 1, ("k", "{\"v\":1}"), ("other", "{\"v\":1}"));
        var committer = new CouchDbStateDatabase(counted, channel, Options);

        IReadOnlyDictionary<CompositeKey, VersionedValue> states =
            await committer.GetCommittedStatesAsync([new(Ns, "k"), new(Ns, "other"), new(Ns, "new")]);
        int reads = counter.BulkReads;
        await ApplyAsync(committer, 2, ("k", "{\"v\":2}"), ("other", null), ("new", "{\"v\":2}"));

        Assert.Equal(new Height(1, 0), states[new(Ns, "k")].Version);
        Assert.Equal(reads, counter.BulkReads);
        Assert.Equal(0, counter.Conflicts);
        var fresh = new CouchDbStateDatabase(_http, channel, Options);
        Assert.Equal("{\"v\":2}", Text((await fresh.GetStateAsync(Ns, "k"))!.Value));
        Assert.Null(await fresh.GetStateAsync(Ns, "other"));
    }

    [Fact]
    public async Task The_savepoint_this_database_wrote_is_answered_without_a_read_and_a_fresh_instance_reads_it_once()
    {
        var counter = new ConflictCountingHandler();
        using var counted = fixture.Server.CreateClient(counter);
        string channel = "sp" + Guid.NewGuid().ToString("N")[..12];
        var committer = new CouchDbStateDatabase(counted, channel, Options);
        await ApplyAsync(committer, 1, ("k", "{\"v\":1}"));
        await ApplyAsync(committer, 2, ("k", "{\"v\":2}"));
        int reads = counter.SavepointReads;

        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(new Height(2, 1), await committer.GetLatestSavepointAsync());
        }

        Assert.Equal(reads, counter.SavepointReads);

        var restarted = new CouchDbStateDatabase(counted, channel, Options);
        Assert.Equal(new Height(2, 1), await restarted.GetLatestSavepointAsync());
        Assert.Equal(new Height(2, 1), await restarted.GetLatestSavepointAsync());
        Assert.Equal(reads + 1, counter.SavepointReads);
    }

    [Fact]
    public async Task Versions_this_database_wrote_or_loaded_need_no_read_until_a_conflict_reveals_another_writer()
    {
        var counter = new ConflictCountingHandler();
        using var counted = fixture.Server.CreateClient(counter);
        var committer = new CouchDbStateDatabase(counted, "vc" + Guid.NewGuid().ToString("N")[..12], Options);
        await ApplyAsync(committer, 1, ("k", "{\"v\":1}"), ("gone", "x"), ("other", "{\"v\":1}"));
        await ApplyAsync(committer, 2, ("gone", null));
        int reads = counter.BulkReads;

        IReadOnlyDictionary<CompositeKey, Height> versions = await committer.GetVersionsAsync([new(Ns, "k"), new(Ns, "gone"), new(Ns, "other")]);

        Assert.Equal(reads, counter.BulkReads);
        Assert.Equal(new Height(1, 0), versions[new(Ns, "k")]);
        Assert.Equal(new Height(1, 2), versions[new(Ns, "other")]);
        Assert.False(versions.ContainsKey(new(Ns, "gone")));
        var intruder = new CouchDbStateDatabase(_http, committer.ChannelName, Options);
        await ApplyAsync(intruder, 3, ("k", "{\"v\":3}"), ("other", "{\"v\":3}"));
        await ApplyAsync(committer, 4, ("k", "{\"v\":4}"));
        Assert.Equal(1, counter.Conflicts);

        versions = await committer.GetVersionsAsync([new(Ns, "k"), new(Ns, "other")]);

        Assert.Equal(new Height(4, 0), versions[new(Ns, "k")]);
        Assert.Equal(new Height(3, 1), versions[new(Ns, "other")]);
        Assert.True(counter.BulkReads > reads);
    }

    [Fact]
    public async Task Databases_keep_only_the_last_ten_revisions_of_a_document_so_a_hot_keys_update_stays_cheap()
    {
        var db = (CouchDbStateDatabase)CreateFresh();
        for (ulong block = 1; block <= 25; block++)
        {
            await ApplyAsync(db, block, ("hot", "{\"v\":" + block + "}"));
        }

        string dbName = Uri.EscapeDataString(db.DatabaseNameOf(Ns));
        Assert.Equal(10, await _http.GetFromJsonAsync<int>($"{dbName}/_revs_limit"));
        Assert.Equal(10, await _http.GetFromJsonAsync<int>($"{db.ChannelName}_/_revs_limit"));
        JsonObject doc = (await _http.GetFromJsonAsync<JsonObject>($"{dbName}/hot?revs=true"))!;
        Assert.Equal(25, (int)doc["_revisions"]!["start"]!);
        Assert.Equal(10, doc["_revisions"]!["ids"]!.AsArray().Count);
        JsonObject savepoint = (await _http.GetFromJsonAsync<JsonObject>($"{db.ChannelName}_/statedb_savepoint?revs=true"))!;
        Assert.True(savepoint["_revisions"]!["ids"]!.AsArray().Count <= 10);
    }

    [Fact]
    public async Task A_revision_limit_the_server_refuses_stops_the_database_with_couchdbs_reason()
    {
        var db = new CouchDbStateDatabase(_http, "rl" + Guid.NewGuid().ToString("N")[..8], Options with { RevsLimit = 7 });

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => ApplyAsync(db, 1, ("k", "{\"v\":1}")));

        Assert.Contains("cannot set _revs_limit 7 on CouchDB database", error.Message, StringComparison.Ordinal);
        Assert.Contains("--revs-limit 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Documents_follow_fabrics_format_json_as_fields_and_other_values_as_the_valueBytes_attachment()
    {
        var db = new CouchDbStateDatabase(_http, "fmt" + Guid.NewGuid().ToString("N")[..8], Options);
        var batch = new UpdateBatch();
        batch.Put("Asset.CC", "json", Bytes("{\"owner\":\"tom\"}"), new Height(2, 1));
        batch.Put("Asset.CC", "bin", [0, 1, 2], new Height(2, 2));
        await db.ApplyUpdatesAsync(batch, new Height(2, 3));

        string dbName = db.ChannelName + "_$asset.$c$c".Replace('.', '$');
        Assert.Equal(dbName, db.DatabaseNameOf("Asset.CC"));
        JsonObject json = (await _http.GetFromJsonAsync<JsonObject>($"{Uri.EscapeDataString(dbName)}/json"))!;
        Assert.Equal("tom", (string)json["owner"]!);
        Assert.Equal('\0', ((string)json["~version"]!)[0]);
        Assert.Null(json["_attachments"]);

        JsonObject bin = (await _http.GetFromJsonAsync<JsonObject>($"{Uri.EscapeDataString(dbName)}/bin?attachments=true"))!;
        Assert.Equal("AAEC", (string)bin["_attachments"]!["valueBytes"]!["data"]!);
        Assert.Equal("application/octet-stream", (string)bin["_attachments"]!["valueBytes"]!["content_type"]!);

        JsonObject savepoint = (await _http.GetFromJsonAsync<JsonObject>($"{db.ChannelName}_/statedb_savepoint"))!;
        Assert.Equal(2, (int)savepoint["BlockNum"]!);
        Assert.Equal(3, (int)savepoint["TxNum"]!);
    }

    [Fact]
    public async Task Channel_with_a_dot_and_namespace_with_upper_case_map_to_fabrics_database_names()
    {
        string channel = "my.ch" + Guid.NewGuid().ToString("N")[..6];
        var db = new CouchDbStateDatabase(_http, channel, Options);
        var batch = new UpdateBatch();
        batch.Put("MyCC", "k", Bytes("v"), new Height(1, 0));
        batch.Put("mycc", "k", Bytes("w"), new Height(1, 1));
        await db.ApplyUpdatesAsync(batch, new Height(1, 2));

        JsonArray all = (await _http.GetFromJsonAsync<JsonArray>("_all_dbs"))!;
        string prefix = channel.Replace('.', '$');
        Assert.Contains(prefix + "_$my$c$c", all.Select(n => (string)n!));
        Assert.Contains(prefix + "_mycc", all.Select(n => (string)n!));
        Assert.Contains(prefix + "_", all.Select(n => (string)n!));
        Assert.Equal("v", Text((await db.GetStateAsync("MyCC", "k"))!.Value));
        Assert.Equal("w", Text((await db.GetStateAsync("mycc", "k"))!.Value));
        Assert.Throws<ArgumentException>(() => new CouchDbStateDatabase(_http, "UpperChannel"));
    }

    [Fact]
    public async Task Credentials_the_server_refuses_raise_an_error_naming_CouchDB_authentication()
    {
        using var wrong = fixture.Server.CreateAnonymousClient();
        wrong.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{fixture.Server.Username}:wrong")));
        var db = new CouchDbStateDatabase(wrong, "refused", new CouchDbStateOptions { MaxRetries = 3, RetryDelay = TimeSpan.FromMilliseconds(10) });

        var refused = await Assert.ThrowsAsync<StateDatabaseUnavailableException>(() => db.GetStateAsync(Ns, "k"));

        Assert.Contains("CouchDB authentication failed", refused.Message, StringComparison.Ordinal);
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_to_a_stopped_server_raise_StateDatabaseUnavailableException()
    {
        PouchDbServer server = await PouchDbServer.StartAsync();
        using HttpClient client = server.CreateClient();
        var db = new CouchDbStateDatabase(client, "outage", new CouchDbStateOptions { MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(10) });
        await ApplyAsync(db, 1, ("k", "v"));
        await server.DisposeAsync();

        // "k" itself would be answered from the committed-state cache, as Fabric's is.
        await Assert.ThrowsAsync<StateDatabaseUnavailableException>(() => db.GetStateAsync(Ns, "never-read"));
        await Assert.ThrowsAsync<StateDatabaseUnavailableException>(() => ApplyAsync(db, 2, ("k", "w")));
        await Assert.ThrowsAsync<StateDatabaseUnavailableException>(() => db.GetLatestSavepointAsync());
    }
}
