using System.Text;
using Fabricish.Ledger.State;

namespace Fabricish.Ledger.Tests.State;

/// <summary>The behaviour every <see cref="IStateDatabase"/> must show; each concrete subclass runs it against one
/// implementation, so the in-memory reference, CouchDB and the embedded store cannot drift apart. Rich queries, which
/// only some databases answer, are in <see cref="RichQueryStateDatabaseBehaviour"/>.</summary>
public abstract class StateDatabaseBehaviour
{
    protected const string Ns = "marbles";

    /// <summary>A database for a channel no other test uses.</summary>
    protected abstract IStateDatabase Create(string channel);

    protected IStateDatabase CreateFresh() => Create("ch" + Guid.NewGuid().ToString("N")[..12]);

    protected static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    protected static string Text(byte[] b) => Encoding.UTF8.GetString(b);

    protected static async Task ApplyAsync(IStateDatabase db, ulong block, params (string Key, string? Value)[] writes)
    {
        var batch = new UpdateBatch();
        ulong tx = 0;
        foreach (var (key, value) in writes)
        {
            if (value is null)
            {
                batch.Delete(Ns, key, new Height(block, tx++));
            }
            else
            {
                batch.Put(Ns, key, Bytes(value), new Height(block, tx++));
            }
        }

        await db.ApplyUpdatesAsync(batch, new Height(block, tx));
    }

    [Fact]
    public async Task Put_value_reads_back_with_the_height_that_wrote_it_and_absent_key_reads_null()
    {
        IStateDatabase db = CreateFresh();
        var batch = new UpdateBatch();
        batch.Put(Ns, "k1", [1, 2, 3], new Height(5, 2), metadata: [9, 9]);
        await db.ApplyUpdatesAsync(batch, new Height(5, 3));

        VersionedValue? value = await db.GetStateAsync(Ns, "k1");

        Assert.NotNull(value);
        Assert.Equal([1, 2, 3], value.Value);
        Assert.Equal(new Height(5, 2), value.Version);
        Assert.Equal([9, 9], value.Metadata);
        Assert.Null(await db.GetStateAsync(Ns, "k2"));
        Assert.Null(await db.GetStateAsync("othercc", "k1"));
    }

    [Fact]
    public async Task A_blocks_committed_states_give_each_live_keys_value_metadata_and_version_in_every_namespace_and_leave_out_absent_keys()
    {
        IStateDatabase db = CreateFresh();
        var batch = new UpdateBatch();
        batch.Put(Ns, "k1", Bytes("{\"a\":1}"), new Height(5, 0), metadata: [9, 9]);
        batch.Put(Ns, "gone", Bytes("x"), new Height(5, 1));
        batch.Put("othercc", "k1", [1, 2], new Height(5, 2));
        await db.ApplyUpdatesAsync(batch, new Height(5, 2));
        await ApplyAsync(db, 6, ("gone", null));

        IReadOnlyDictionary<CompositeKey, VersionedValue> states =
            await db.GetCommittedStatesAsync([new(Ns, "k1"), new(Ns, "gone"), new(Ns, "never"), new("othercc", "k1")]);

        Assert.Equal(2, states.Count);
        VersionedValue k1 = states[new CompositeKey(Ns, "k1")];
        Assert.Equal((await db.GetStateAsync(Ns, "k1"))!.Value, k1.Value);
        Assert.Equal(new Height(5, 0), k1.Version);
        Assert.Equal([9, 9], k1.Metadata);
        Assert.Equal([1, 2], states[new CompositeKey("othercc", "k1")].Value);
        Assert.Equal(new Height(5, 2), states[new CompositeKey("othercc", "k1")].Version);
    }

    [Fact]
    public async Task Delete_removes_the_key_and_a_later_put_recreates_it()
    {
        IStateDatabase db = CreateFresh();
        await ApplyAsync(db, 1, ("a", "{\"v\":1}"), ("b", "x"));
        await ApplyAsync(db, 2, ("a", null), ("b", null), ("never", null));

        Assert.Null(await db.GetStateAsync(Ns, "a"));
        Assert.Null(await db.GetStateAsync(Ns, "b"));
        Assert.Empty(await db.GetVersionsAsync([new CompositeKey(Ns, "a")]));

        await ApplyAsync(db, 3, ("a", "again"));
        Assert.Equal("again", Text((await db.GetStateAsync(Ns, "a"))!.Value));
        Assert.Equal(new Height(3, 0), (await db.GetStateAsync(Ns, "a"))!.Version);
    }

    [Fact]
    public async Task GetStates_answers_in_the_order_asked_with_null_for_absent_keys()
    {
        IStateDatabase db = CreateFresh();
        await ApplyAsync(db, 1, ("a", "1"), ("b", "2"), ("c", "3"));

        IReadOnlyList<VersionedValue?> values = await db.GetStatesAsync(Ns, ["c", "missing", "a"]);

        Assert.Equal(3, values.Count);
        Assert.Equal("3", Text(values[0]!.Value));
        Assert.Null(values[1]);
        Assert.Equal("1", Text(values[2]!.Value));
    }

    [Fact]
    public async Task GetVersions_returns_committed_versions_across_namespaces_leaving_out_absent_keys()
    {
        IStateDatabase db = CreateFresh();
        var batch = new UpdateBatch();
        batch.Put("cc1", "k", Bytes("{\"a\":1}"), new Height(7, 1));
        batch.Put("cc2", "k", Bytes("binary"), new Height(7, 4));
        await db.ApplyUpdatesAsync(batch, new Height(7, 5));

        IReadOnlyDictionary<CompositeKey, Height> versions = await db.GetVersionsAsync(
            [new("cc1", "k"), new("cc2", "k"), new("cc1", "absent"), new("cc3", "k")]);

        Assert.Equal(2, versions.Count);
        Assert.Equal(new Height(7, 1), versions[new("cc1", "k")]);
        Assert.Equal(new Height(7, 4), versions[new("cc2", "k")]);
    }

    [Fact]
    public async Task Range_scan_returns_keys_in_code_point_order_with_inclusive_start_and_exclusive_end()
    {
        IStateDatabase db = CreateFresh();
        string[] keys = ["\0asset\0k1\0", "\0asset\0k2\0", "B", "a", "a1", "a2", "b", "c"];
        await ApplyAsync(db, 1, keys.Reverse().Select(k => (k, (string?)"v")).ToArray());

        Assert.Equal(keys, await KeysAsync(db.GetStateRangeAsync(Ns, "", "")));
        Assert.Equal(["a", "a1", "a2"], await KeysAsync(db.GetStateRangeAsync(Ns, "a", "b")));
        Assert.Equal(["b", "c"], await KeysAsync(db.GetStateRangeAsync(Ns, "b", "")));
        Assert.Equal(["\0asset\0k1\0", "\0asset\0k2\0"], await KeysAsync(db.GetStateRangeAsync(Ns, "\0asset\0", "\0asset\0\U0010FFFF")));
        Assert.Empty(await KeysAsync(db.GetStateRangeAsync(Ns, "d", "")));
    }

    [Fact]
    public async Task Range_scan_iterates_past_internal_page_boundaries_and_skips_index_documents()
    {
        IStateDatabase db = CreateFresh();
        string[] keys = Enumerable.Range(0, 11).Select(i => $"k{i:D2}").ToArray();
        await ApplyAsync(db, 1, keys.Select(k => (k, (string?)$"{{\"n\":\"{k}\"}}")).ToArray());
        await db.CreateIndexAsync(Ns, "{\"index\":{\"fields\":[\"n\"]},\"ddoc\":\"byN\",\"name\":\"byN\",\"type\":\"json\"}");

        Assert.Equal(keys, await KeysAsync(db.GetStateRangeAsync(Ns, "", "")));
    }

    [Fact]
    public async Task Range_pages_resume_at_the_bookmark_and_the_last_page_returns_the_end_key()
    {
        IStateDatabase db = CreateFresh();
        await ApplyAsync(db, 1, ("a", "1"), ("b", "2"), ("c", "3"), ("d", "4"), ("e", "5"), ("z", "6"));

        ResultsPage first = await db.GetStateRangePageAsync(Ns, "a", "e", pageSize: 2);
        ResultsPage second = await db.GetStateRangePageAsync(Ns, "a", "e", pageSize: 2, first.Bookmark);
        ResultsPage third = await db.GetStateRangePageAsync(Ns, "a", "e", pageSize: 2, second.Bookmark);

        Assert.Equal(["a", "b"], first.Results.Select(r => r.Key));
        Assert.Equal("c", first.Bookmark);
        Assert.Equal(["c", "d"], second.Results.Select(r => r.Key));
        Assert.Equal("e", second.Bookmark);
        Assert.Empty(third.Results);
        Assert.Equal("e", third.Bookmark);
    }

    [Fact]
    public async Task Non_json_values_round_trip_byte_for_byte()
    {
        IStateDatabase db = CreateFresh();
        byte[][] values = [[0, 255, 1, 128], Bytes("[1,2,3]"), Bytes("\"text\""), Bytes("null"), Bytes("{not json"), Bytes("42"), []];
        var batch = new UpdateBatch();
        for (int i = 0; i < values.Length; i++)
        {
            batch.Put(Ns, $"k{i}", values[i], new Height(1, (ulong)i));
        }

        await db.ApplyUpdatesAsync(batch, new Height(1, 9));

        IReadOnlyList<VersionedValue?> read = await db.GetStatesAsync(Ns, values.Select((_, i) => $"k{i}").ToArray());
        Assert.Equal(values, read.Select(v => v!.Value));
        Assert.Equal(values, (await ListAsync(db.GetStateRangeAsync(Ns, "", ""))).Select(kv => kv.VersionedValue.Value));
    }

    [Fact]
    public async Task Json_values_read_back_as_go_marshals_them_with_sorted_keys_and_html_escapes()
    {
        IStateDatabase db = CreateFresh();
        await ApplyAsync(db, 1, ("k", "{ \"z\": [3, {\"y\":true,\"b\":null}], \"a\": \"<tag> & caf\u00e9\" }"));

        VersionedValue? value = await db.GetStateAsync(Ns, "k");

        Assert.Equal("{\"a\":\"\\u003ctag\\u003e \\u0026 caf\u00e9\",\"z\":[3,{\"b\":null,\"y\":true}]}", Text(value!.Value));
    }

    [Fact]
    public async Task Reapplying_the_same_block_leaves_identical_state()
    {
        IStateDatabase db = CreateFresh();
        await ApplyAsync(db, 1, ("a", "{\"v\":1}"), ("b", "bin"), ("c", "{\"v\":3}"));
        var block2 = new UpdateBatch();
        block2.Put(Ns, "a", Bytes("{\"v\":2}"), new Height(2, 0));
        block2.Put(Ns, "b", [7, 7], new Height(2, 1));
        block2.Delete(Ns, "c", new Height(2, 2));
        block2.Put(Ns, "d", Bytes("{\"v\":4}"), new Height(2, 3));

        await db.ApplyUpdatesAsync(block2, new Height(2, 4));
        List<VersionedKV> once = await ListAsync(db.GetStateRangeAsync(Ns, "", ""));
        await db.ApplyUpdatesAsync(block2, new Height(2, 4));
        List<VersionedKV> twice = await ListAsync(db.GetStateRangeAsync(Ns, "", ""));

        Assert.Equal(["a", "b", "d"], once.Select(kv => kv.Key));
        Assert.Equal(Describe(once), Describe(twice));
        Assert.Equal(new Height(2, 4), await db.GetLatestSavepointAsync());
    }

    [Fact]
    public async Task Savepoint_is_absent_on_a_fresh_channel_and_then_the_latest_block_applied()
    {
        IStateDatabase db = CreateFresh();
        Assert.Null(await db.GetLatestSavepointAsync());

        await ApplyAsync(db, 0, ("a", "1"));
        await ApplyAsync(db, 1);

        Assert.Equal(new Height(1, 0), await db.GetLatestSavepointAsync());
    }

    [Fact]
    public async Task Writes_the_database_cannot_store_are_refused_at_endorsement_and_at_commit_without_partial_effects()
    {
        IStateDatabase db = CreateFresh();
        Assert.Null(db.ValidateKeyValue("ok", Bytes("{\"a\":1}")));
        Assert.NotNull(db.ValidateKeyValue("_design", Bytes("x")));
        Assert.NotNull(db.ValidateKeyValue("k", Bytes("{\"_id\":\"x\"}")));
        Assert.NotNull(db.ValidateKeyValue("k", Bytes("{\"~version\":\"x\"}")));
        Assert.Null(db.ValidateKeyValue("k", Bytes("[{\"_id\":1}]")));

        var batch = new UpdateBatch();
        batch.Put("aaa", "good", Bytes("1"), new Height(1, 0));
        batch.Put(Ns, "bad", Bytes("{\"_rev\":\"1-x\"}"), new Height(1, 1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.ApplyUpdatesAsync(batch, new Height(1, 2)));

        Assert.Null(await db.GetStateAsync("aaa", "good"));
        Assert.Null(await db.GetLatestSavepointAsync());
        await Assert.ThrowsAsync<ArgumentException>(() => db.GetStateAsync(Ns, "_design/x"));
    }

    protected static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (T item in source)
        {
            list.Add(item);
        }

        return list;
    }

    protected static async Task<List<string>> KeysAsync(IAsyncEnumerable<VersionedKV> source) =>
        (await ListAsync(source)).Select(kv => kv.Key).ToList();

    private static List<string> Describe(List<VersionedKV> kvs) =>
        kvs.Select(kv => $"{kv.Key}={Convert.ToHexString(kv.VersionedValue.Value)}@{kv.VersionedValue.Version}").ToList();
}
