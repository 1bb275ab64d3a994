using Fabricish.Channels.Blocks;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Ledger.Tests;

public class BlockStoreAppendTests
{
    [Fact]
    public void Appended_blocks_read_back_identical_by_number()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);
        var chain = new TxIdChain();
        chain.AppendTo(store, 5);

        Assert.Equal(5UL, store.Height);
        for (ulong n = 0; n < 5; n++)
        {
            Assert.Equal(chain.Blocks[(int)n], store.GetBlock(n));
        }

        Assert.Null(store.GetBlock(5));
    }

    [Fact]
    public void Blockchain_info_names_the_last_two_header_hashes()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);
        var chain = new TxIdChain();

        var empty = store.GetBlockchainInfo();
        Assert.Equal(0UL, empty.Height);
        Assert.True(empty.CurrentBlockHash.IsEmpty);

        chain.AppendTo(store, 1);
        var one = store.GetBlockchainInfo();
        Assert.Equal(BlockHashing.HeaderHash(chain.Blocks[0].Header), one.CurrentBlockHash.ToArray());
        Assert.True(one.PreviousBlockHash.IsEmpty);

        chain.AppendTo(store, 2);
        var three = store.GetBlockchainInfo();
        Assert.Equal(3UL, three.Height);
        Assert.Equal(BlockHashing.HeaderHash(chain.Blocks[2].Header), three.CurrentBlockHash.ToArray());
        Assert.Equal(BlockHashing.HeaderHash(chain.Blocks[1].Header), three.PreviousBlockHash.ToArray());
    }

    [Fact]
    public void Block_with_wrong_number_is_refused_with_expected_and_actual_and_store_unchanged()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);
        var chain = new TxIdChain();
        chain.AppendTo(store, 7);
        chain.Next("tx-7");
        chain.Next("tx-8");
        var skipped = chain.Next("tx-9");
        var before = Snapshot(dir);

        var result = store.Append(skipped);

        Assert.False(result.Accepted);
        Assert.Equal("block 7 expected, got 9", result.Reason);
        AssertUnchanged(dir, store, before, 7);
        Assert.False(store.TryGetTxLocation("tx-9", out _));
    }

    [Fact]
    public void Block_with_wrong_previous_hash_is_refused_and_store_unchanged()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);
        var chain = new TxIdChain();
        chain.AppendTo(store, 2);
        var next = chain.Next("tx-2");
        var forged = next.Clone();
        forged.Header.PreviousHash = ByteString.CopyFrom(new byte[32]);
        var before = Snapshot(dir);

        var result = store.Append(forged);

        Assert.False(result.Accepted);
        Assert.Contains("previous hash", result.Reason, StringComparison.Ordinal);
        AssertUnchanged(dir, store, before, 2);
        Assert.True(store.Append(next).Accepted);
    }

    [Fact]
    public void A_data_hash_handed_in_by_the_caller_is_still_compared_with_the_header()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);
        var chain = new TxIdChain();
        chain.AppendTo(store, 2);
        var next = chain.Next("tx-2");
        var tampered = next.Clone();
        tampered.Data.Data.Add(ByteString.CopyFrom(TxIdChain.Envelope("tx-smuggled")));
        var before = Snapshot(dir);

        var result = store.Append(tampered, sync: false, BlockHashing.DataHash(tampered.Data));

        Assert.False(result.Accepted);
        Assert.Contains("data hash", result.Reason, StringComparison.Ordinal);
        AssertUnchanged(dir, store, before, 2);
        Assert.True(store.Append(next, sync: true, BlockHashing.DataHash(next.Data)).Accepted);
        Assert.Equal(3UL, store.Height);
    }

    [Fact]
    public void Block_whose_data_does_not_match_its_data_hash_is_refused_and_store_unchanged()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);
        var chain = new TxIdChain();
        chain.AppendTo(store, 2);
        var next = chain.Next("tx-2");
        var tampered = next.Clone();
        tampered.Data.Data.Add(ByteString.CopyFrom(TxIdChain.Envelope("tx-smuggled")));
        var before = Snapshot(dir);

        var result = store.Append(tampered);

        Assert.False(result.Accepted);
        Assert.Contains("data hash", result.Reason, StringComparison.Ordinal);
        AssertUnchanged(dir, store, before, 2);
        Assert.False(store.TryGetTxLocation("tx-smuggled", out _));
        Assert.True(store.Append(next).Accepted);
    }

    [Fact]
    public void Tx_ids_locate_their_block_and_position()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);
        var chain = new TxIdChain();
        store.Append(chain.Next("genesis-config"));
        store.Append(chain.Next("tx-a", "tx-b", "tx-c"));

        Assert.True(store.TryGetTxLocation("tx-c", out var location));
        Assert.Equal(new TxLocation(1, 2), location);
        Assert.True(store.TryGetBlockByTxId("tx-b", out var block));
        Assert.Equal(chain.Blocks[1], block);
        Assert.False(store.TryGetTxLocation("tx-unknown", out _));
        Assert.False(store.TryGetBlockByTxId("tx-unknown", out _));
    }

    [Fact]
    public void Duplicate_tx_id_in_a_later_block_keeps_the_first_occurrence()
    {
        using var dir = new StoreDirectory();
        var chain = new TxIdChain();
        using (var store = BlockStore.Open(dir.Path))
        {
            store.Append(chain.Next("tx-a", "tx-b"));
            store.Append(chain.Next("tx-c", "tx-a"));
            store.Append(chain.Next("tx-d", "tx-d"));

            AssertFirstOccurrences(store);
        }

        using (var reopened = BlockStore.Open(dir.Path))
        {
            AssertFirstOccurrences(reopened);
        }

        // Rebuilt from the segments alone, the index must reach the same verdicts.
        File.Delete(dir.IndexLogPath);
        using var rebuilt = BlockStore.Open(dir.Path);
        Assert.Equal(3, rebuilt.Recovery.BlocksReindexed);
        AssertFirstOccurrences(rebuilt);

        static void AssertFirstOccurrences(BlockStore store)
        {
            Assert.True(store.TryGetTxLocation("tx-a", out var a));
            Assert.Equal(new TxLocation(0, 0), a);
            Assert.True(store.TryGetTxLocation("tx-d", out var d));
            Assert.Equal(new TxLocation(2, 0), d);
        }
    }

    [Fact]
    public void Entries_that_are_not_envelopes_are_stored_but_not_indexed()
    {
        using var dir = new StoreDirectory();
        using var store = BlockStore.Open(dir.Path);
        var data = new BlockData();
        data.Data.Add(ByteString.CopyFrom(0xFF, 0xFF, 0xFF));
        data.Data.Add(ByteString.CopyFrom(TxIdChain.Envelope("tx-ok")));
        var block = new Block
        {
            Header = new BlockHeader { Number = 0, DataHash = ByteString.CopyFrom(BlockHashing.DataHash(data)) },
            Data = data,
            Metadata = new BlockMetadata(),
        };

        Assert.True(store.Append(block).Accepted);
        Assert.True(store.TryGetTxLocation("tx-ok", out var location));
        Assert.Equal(new TxLocation(0, 1), location);
        Assert.False(store.TryGetTxLocation(string.Empty, out _));
    }

    private static (long Segment, long Index) Snapshot(StoreDirectory dir) =>
        (StoreDirectory.LengthOf(dir.LastSegmentPath), StoreDirectory.LengthOf(dir.IndexLogPath));

    private static void AssertUnchanged(StoreDirectory dir, BlockStore store, (long Segment, long Index) before, ulong height)
    {
        Assert.Equal(height, store.Height);
        Assert.Equal(before, Snapshot(dir));
    }
}
