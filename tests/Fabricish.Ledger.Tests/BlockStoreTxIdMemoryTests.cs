using System.Security.Cryptography;
using System.Text;
using Fabricish.Ledger.Storage;

namespace Fabricish.Ledger.Tests;

/// <summary>The tx id index stays on disk across reopens: opening a store reads no id of the blocks its index holds,
/// and lookups and duplicate verdicts for ids written before the reopen are answered from disk.</summary>
public class BlockStoreTxIdMemoryTests
{
    private const int Blocks = 30;

    [Fact]
    public void Reopening_allocates_nothing_per_transaction_and_still_answers_for_ids_written_before()
    {
        using var few = new StoreDirectory();
        using var many = new StoreDirectory();
        string[][] fewIds = WriteChain(few, transactionsPerBlock: 1);
        string[][] manyIds = WriteChain(many, transactionsPerBlock: 300);

        long fewBytes = BytesAllocatedByReopening(few);
        long manyBytes = BytesAllocatedByReopening(many);

        // 9,000 ids of 64 characters are over 1.3 MB as strings: reading them back would dwarf this bound.
        Assert.True(manyBytes - fewBytes < 128 * 1024, $"reopening allocated {manyBytes} bytes with 300 tx per block, {fewBytes} with 1");
        using var reopened = BlockStore.Open(many.Path);
        Assert.True(reopened.Recovery.WasClean, reopened.Recovery.ToString());
        Assert.True(reopened.TryGetTxLocation(manyIds[0][0], out var first));
        Assert.Equal(new TxLocation(0, 0), first);
        Assert.True(reopened.TryGetTxLocation(manyIds[Blocks - 2][299], out var late));
        Assert.Equal(new TxLocation(Blocks - 2, 299), late);
        Assert.False(reopened.TryGetTxLocation(fewIds[0][0] + "0", out _));
    }

    [Fact]
    public void A_duplicate_of_an_id_written_before_a_reopen_is_still_detected()
    {
        using var dir = new StoreDirectory();
        var chain = new TxIdChain();
        using (var store = BlockStore.Open(dir.Path))
        {
            chain.AppendTo(store, 2);
            Assert.True(store.Append(chain.Next("dup", "other")).Accepted);
        }

        using var reopened = BlockStore.Open(dir.Path);
        Assert.True(reopened.Append(chain.Next("fresh", "dup")).Accepted);

        // The first occurrence counts, as in Fabric: the later one is the duplicate.
        Assert.True(reopened.TryGetTxLocation("dup", out var location));
        Assert.Equal(new TxLocation(2, 0), location);
        Assert.True(reopened.TryGetTxLocation("fresh", out var fresh));
        Assert.Equal(new TxLocation(3, 0), fresh);
    }

    [Fact]
    public void A_lost_tx_id_index_is_rebuilt_from_the_index_log_on_open()
    {
        using var dir = new StoreDirectory();
        string[][] ids = WriteChain(dir, transactionsPerBlock: 20);
        Directory.Delete(Path.Combine(dir.Path, TxIdIndex.FolderName), recursive: true);

        using (var reopened = BlockStore.Open(dir.Path))
        {
            Assert.True(reopened.Recovery.WasClean, reopened.Recovery.ToString());
            Assert.True(reopened.TryGetTxLocation(ids[7][13], out var location));
            Assert.Equal(new TxLocation(7, 13), location);
        }

        // What the rebuild wrote is there on the next open, which reads no ids at all.
        using var again = BlockStore.Open(dir.Path);
        Assert.True(again.TryGetTxLocation(ids[Blocks - 2][19], out var late));
        Assert.Equal(new TxLocation(Blocks - 2, 19), late);
    }

    /// <summary>A chain of <see cref="Blocks"/> blocks with Fabric-like ids, closed by a one-transaction block so that
    /// the record recovery re-reads (the last one) is the same size whatever the other blocks hold.</summary>
    private static string[][] WriteChain(StoreDirectory dir, int transactionsPerBlock)
    {
        var chain = new TxIdChain();
        var ids = new string[Blocks][];
        using var store = BlockStore.Open(dir.Path);
        for (int number = 0; number < Blocks; number++)
        {
            int count = number == Blocks - 1 ? 1 : transactionsPerBlock;
            ids[number] = [.. Enumerable.Range(0, count).Select(i => HexId($"{dir.Path}/{number}/{i}"))];
            Assert.True(store.Append(chain.Next(ids[number])).Accepted);
        }

        return ids;
    }

    private static long BytesAllocatedByReopening(StoreDirectory dir)
    {
        // The first open pays for JIT and native library loading; the second is what a reopen costs.
        BlockStore.Open(dir.Path).Dispose();
        long before = GC.GetAllocatedBytesForCurrentThread();
        BlockStore.Open(dir.Path).Dispose();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static string HexId(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));
}
