using Fabricish.Ledger.History;
using Fabricish.Ledger.State;

namespace Fabricish.Ledger.Tests.History;

/// <summary>The on-disk history database: what it records survives a reopen, re-committing is idempotent, it is only
/// ever opened over its own store folder, and a block store only creates it for those who keep history. (A crash's torn
/// write-ahead log tail is the store's to drop; the committer re-records whatever the savepoint says is missing.)</summary>
public sealed class HistoryDatabaseTests
{
    private const string Cc = "mycc";

    [Fact]
    public void Heights_of_each_key_survive_a_reopen_oldest_first_with_a_key_written_twice_by_one_tx_counted_once()
    {
        using var dir = new StoreDirectory();
        string path = Path.Combine(dir.Path, HistoryDatabase.FileName);
        using (HistoryDatabase history = HistoryDatabase.Open(path))
        {
            Assert.Null(history.Savepoint);
            history.Commit([Block(0), Block(1, (0, "a"), (0, "a"), (1, "b\0composite"))]);
            history.Commit([Block(2, (3, "a"))]);
        }

        using HistoryDatabase reopened = HistoryDatabase.Open(path);

        Assert.Equal(2UL, reopened.Savepoint);
        Assert.Equal([new Height(1, 0), new Height(2, 3)], reopened.GetHeights(Cc, "a"));
        Assert.Equal([new Height(1, 1)], reopened.GetHeights(Cc, "b\0composite"));
        Assert.Empty(reopened.GetHeights(Cc, "b"));
        Assert.Empty(reopened.GetHeights("other", "a"));
        Assert.Equal(["a", "b\0composite"], reopened.GetKeys(Cc));
    }

    [Fact]
    public void Recommitting_recorded_blocks_changes_nothing_and_a_gap_is_refused()
    {
        using var dir = new StoreDirectory();
        using HistoryDatabase history = HistoryDatabase.Open(Path.Combine(dir.Path, HistoryDatabase.FileName));
        history.Commit([Block(0), Block(1, (0, "a"))]);

        history.Commit([Block(0), Block(1, (0, "a")), Block(2, (0, "a"))]);

        Assert.Equal([new Height(1, 0), new Height(2, 0)], history.GetHeights(Cc, "a"));
        InvalidOperationException gap = Assert.Throws<InvalidOperationException>(() => history.Commit([Block(4, (0, "a"))]));
        Assert.Contains("block 3 expected", gap.Message, StringComparison.Ordinal);
        Assert.Equal(2UL, history.Savepoint);
    }

    [Fact]
    public void Heights_of_a_key_are_not_mixed_with_those_of_a_key_it_prefixes_or_of_another_namespace()
    {
        using var dir = new StoreDirectory();
        using HistoryDatabase history = HistoryDatabase.Open(Path.Combine(dir.Path, HistoryDatabase.FileName));
        history.Commit([Block(0), Block(1, (0, "a"), (1, "a\0"), (2, "ab"))]);
        history.Commit([new HistoryBlock(2, [new HistoryWrite(0, Cc + "x", "a")])]);

        Assert.Equal([new Height(1, 0)], history.GetHeights(Cc, "a"));
        Assert.Equal([new Height(1, 1)], history.GetHeights(Cc, "a\0"));
        Assert.Equal([new Height(2, 0)], history.GetHeights(Cc + "x", "a"));
        Assert.Equal(["a", "a\0", "ab"], history.GetKeys(Cc));
    }

    [Fact]
    public void A_file_that_is_not_a_history_database_is_refused_rather_than_overwritten()
    {
        using var dir = new StoreDirectory();
        string path = Path.Combine(dir.Path, HistoryDatabase.FileName);
        File.WriteAllText(path, "something else entirely");

        InvalidDataException refused = Assert.Throws<InvalidDataException>(() => HistoryDatabase.Open(path));

        Assert.Contains("not a history database", refused.Message, StringComparison.Ordinal);
        Assert.Equal("something else entirely", File.ReadAllText(path));
    }

    [Fact]
    public void A_block_store_creates_its_history_database_only_when_asked_and_keeps_it_across_reopen()
    {
        using var dir = new StoreDirectory();
        string path = Path.Combine(dir.Path, HistoryDatabase.FileName);
        var chain = new TxIdChain();
        using (BlockStore store = BlockStore.Open(dir.Path))
        {
            chain.AppendTo(store, 2);
            Assert.False(File.Exists(path) || Directory.Exists(path));
            Assert.Same(store.History, store.History);
            store.History.Commit([Block(0), Block(1, (0, "a"))]);
        }

        using BlockStore reopened = BlockStore.Open(dir.Path);
        Assert.True(reopened.Recovery.WasClean, reopened.Recovery.ToString());
        Assert.Equal(1UL, reopened.History.Savepoint);
        Assert.Equal([new Height(1, 0)], reopened.History.GetHeights(Cc, "a"));
    }

    private static HistoryBlock Block(ulong number, params (int Tx, string Key)[] writes) =>
        new(number, [.. writes.Select(w => new HistoryWrite(w.Tx, Cc, w.Key))]);
}
