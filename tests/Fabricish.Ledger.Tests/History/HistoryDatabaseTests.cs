using Fabricish.Ledger.History;
using Fabricish.Ledger.State;

namespace Fabricish.Ledger.Tests.History;

/// <summary>The history database file: what it records survives a reopen, re-committing is idempotent, a crash's
/// torn tail is cut back to the last intact block, and a block store only creates it for those who keep history.</summary>
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

    [Theory]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(-1)]
    public void A_torn_last_record_is_cut_on_reopen_and_the_block_can_be_recorded_again(int keptBytesOfLastRecord)
    {
        using var dir = new StoreDirectory();
        string path = Path.Combine(dir.Path, HistoryDatabase.FileName);
        long intact;
        using (HistoryDatabase history = HistoryDatabase.Open(path))
        {
            history.Commit([Block(0), Block(1, (0, "a"))]);
            intact = StoreDirectory.LengthOf(path);
            history.Commit([Block(2, (0, "a"), (1, "b"))]);
        }

        if (keptBytesOfLastRecord >= 0)
        {
            dir.Truncate(path, intact + keptBytesOfLastRecord);
        }
        else
        {
            // A flipped byte inside the last record, as a torn page would leave it.
            byte[] bytes = File.ReadAllBytes(path);
            bytes[^2] ^= 0xFF;
            File.WriteAllBytes(path, bytes);
        }

        dir.AppendBytes(path, new byte[64]);
        using (HistoryDatabase reopened = HistoryDatabase.Open(path))
        {
            Assert.Equal(1UL, reopened.Savepoint);
            Assert.Equal(intact, StoreDirectory.LengthOf(path));
            Assert.Empty(reopened.GetHeights(Cc, "b"));
            reopened.Commit([Block(2, (0, "a"), (1, "b"))]);
        }

        using HistoryDatabase again = HistoryDatabase.Open(path);
        Assert.Equal([new Height(1, 0), new Height(2, 0)], again.GetHeights(Cc, "a"));
        Assert.Equal([new Height(2, 1)], again.GetHeights(Cc, "b"));
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
        var chain = new TestChain();
        using (BlockStore store = BlockStore.Open(dir.Path))
        {
            chain.AppendTo(store, 2);
            Assert.False(File.Exists(path));
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
