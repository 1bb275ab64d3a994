using Fabricish.Ledger.State;
using Fabricish.Ledger.State.Embedded;
using Fabricish.Testing.Infra;

namespace Fabricish.Ledger.Tests.State;

/// <summary>The shared behaviour against the embedded store, plus what only it has: state and savepoint in one write
/// that survives a reopen, Fabric's LevelDB answer to rich queries, and index definitions ignored.</summary>
public sealed class EmbeddedStateDatabaseTests : StateDatabaseBehaviour, IDisposable
{
    private readonly ScratchDirectory _scratch = new("embedded-state");
    private readonly List<EmbeddedStateDatabase> _opened = [];

    public void Dispose()
    {
        foreach (EmbeddedStateDatabase db in _opened)
        {
            db.Dispose();
        }

        _scratch.Dispose();
    }

    protected override IStateDatabase Create(string channel) => Open(Path.Combine(_scratch.FullPath, channel));

    [Fact]
    public async Task State_and_savepoint_are_read_back_after_the_store_is_reopened()
    {
        string directory = Path.Combine(_scratch.FullPath, "reopen");
        EmbeddedStateDatabase first = Open(directory);
        await ApplyAsync(first, 4, ("k", "{\"v\":1}"), ("gone", "x"));
        await ApplyAsync(first, 5, ("k", "{\"v\":2}"), ("gone", null));
        Close(first);

        EmbeddedStateDatabase reopened = Open(directory);

        Assert.Equal(new Height(5, 2), await reopened.GetLatestSavepointAsync());
        Assert.Equal("{\"v\":2}", Text((await reopened.GetStateAsync(Ns, "k"))!.Value));
        Assert.Equal(new Height(5, 0), (await reopened.GetStateAsync(Ns, "k"))!.Version);
        Assert.Null(await reopened.GetStateAsync(Ns, "gone"));
    }

    [Fact]
    public async Task A_crash_right_after_the_state_write_finds_the_savepoint_already_recorded_with_it()
    {
        string directory = Path.Combine(_scratch.FullPath, "crash");
        EmbeddedStateDatabase db = Open(directory);
        await ApplyAsync(db, 1, ("k", "1"));
        var block = new UpdateBatch();
        block.Put(Ns, "k", Bytes("2"), new Height(2, 0));

        // The fault-injection hook runs where a CouchDB peer has written state but not its savepoint; here both are
        // one batch, so a crash there loses neither.
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.ApplyUpdatesAsync(
            block, new Height(2, 0), afterStateWrite: () => throw new InvalidOperationException("crash")));
        Close(db);

        EmbeddedStateDatabase restarted = Open(directory);
        Assert.Equal(new Height(2, 0), await restarted.GetLatestSavepointAsync());
        Assert.Equal("2", Text((await restarted.GetStateAsync(Ns, "k"))!.Value));
    }

    [Fact]
    public async Task A_deferred_savepoint_is_recorded_all_the_same_since_it_shares_the_state_write()
    {
        string directory = Path.Combine(_scratch.FullPath, "deferred");
        EmbeddedStateDatabase db = Open(directory);
        var block = new UpdateBatch();
        block.Put(Ns, "k", Bytes("v"), new Height(3, 0));
        await db.ApplyUpdatesAsync(block, new Height(3, 0), deferSavepoint: true);
        Close(db);

        Assert.Equal(new Height(3, 0), await Open(directory).GetLatestSavepointAsync());
    }

    [Fact]
    public async Task Rich_queries_answer_fabrics_leveldb_error_naming_couchdb()
    {
        IStateDatabase db = CreateFresh();
        await ApplyAsync(db, 1, ("m1", "{\"owner\":\"tom\"}"));

        var all = await Assert.ThrowsAsync<NotSupportedException>(() => KeysAsync(db.ExecuteQueryAsync(Ns, "{\"selector\":{\"owner\":\"tom\"}}")));
        var page = await Assert.ThrowsAsync<NotSupportedException>(() => db.ExecuteQueryPageAsync(Ns, "{\"selector\":{\"owner\":\"tom\"}}", 10));

        Assert.StartsWith("ExecuteQuery not supported for leveldb", all.Message, StringComparison.Ordinal);
        Assert.StartsWith("ExecuteQueryWithPagination not supported for leveldb", page.Message, StringComparison.Ordinal);
        Assert.Contains("CouchDB", all.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_definitions_are_accepted_and_change_nothing()
    {
        IStateDatabase db = CreateFresh();
        await db.CreateIndexAsync(Ns, "{\"index\":{\"fields\":[\"owner\"]},\"ddoc\":\"byOwner\",\"name\":\"byOwner\",\"type\":\"json\"}");

        Assert.Empty(await KeysAsync(db.GetStateRangeAsync(Ns, "", "")));
        Assert.Null(await db.GetLatestSavepointAsync());
    }

    [Fact]
    public async Task Namespaces_whose_names_prefix_each_other_keep_their_keys_apart()
    {
        IStateDatabase db = CreateFresh();
        var batch = new UpdateBatch();
        batch.Put("cc", "k", Bytes("short"), new Height(1, 0));
        batch.Put("cc2", "k", Bytes("long"), new Height(1, 1));
        batch.Put("cc", "\U0010FFFF", Bytes("last"), new Height(1, 2));
        await db.ApplyUpdatesAsync(batch, new Height(1, 3));

        Assert.Equal(["k", "\U0010FFFF"], await KeysAsync(db.GetStateRangeAsync("cc", "", "")));
        Assert.Equal(["k"], await KeysAsync(db.GetStateRangeAsync("cc2", "", "")));
        Assert.Equal("short", Text((await db.GetStateAsync("cc", "k"))!.Value));
    }

    private EmbeddedStateDatabase Open(string directory)
    {
        EmbeddedStateDatabase db = EmbeddedStateDatabase.Open(directory);
        _opened.Add(db);
        return db;
    }

    private void Close(EmbeddedStateDatabase db)
    {
        _opened.Remove(db);
        db.Dispose();
    }
}
