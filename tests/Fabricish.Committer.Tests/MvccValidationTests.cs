using Fabricish.Committer.Tests.Support;
using Fabricish.Committer.Validation;
using Fabricish.Ledger.State;
using Fabricish.Protos.Common;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Transactions;

namespace Fabricish.Committer.Tests;

/// <summary>MVCC: reads against committed versions and earlier valid writes of the same block; range queries
/// re-executed for phantoms.</summary>
public sealed class MvccValidationTests
{
    private static TestNetwork Net => TestNetwork.Shared;

    [Fact]
    public async Task Second_of_two_transactions_reading_the_same_key_in_one_block_is_MVCC_READ_CONFLICT()
    {
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);
        await peer.CommitAsync(chain.Cut(Tx(new RwSet().Write("a", "0"))));

        BlockCommitResult result = await peer.CommitAsync(chain.Cut(
            Tx(new RwSet().Read("a", new Height(1, 0)).Write("a", "first")),
            Tx(new RwSet().Read("a", new Height(1, 0)).Write("a", "second").Write("z", "second"))));

        Assert.Equal([TxValidationCode.Valid, TxValidationCode.MvccReadConflict], result.Codes);
        Assert.Equal("first", await StateDump.ValueAsync(peer.State, "a"));
        Assert.Null(await StateDump.ValueAsync(peer.State, "z"));
    }

    [Fact]
    public async Task A_read_of_a_version_overwritten_by_an_earlier_block_is_MVCC_READ_CONFLICT_and_changes_nothing()
    {
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);
        await peer.CommitAsync(chain.Cut(Tx(new RwSet().Write("a", "0"))));
        await peer.CommitAsync(chain.Cut(Tx(new RwSet().Read("a", new Height(1, 0)).Write("a", "1"))));
        string before = await StateDump.OfAsync(peer);

        BlockCommitResult stale = await peer.CommitAsync(chain.Cut(Tx(new RwSet().Read("a", new Height(1, 0)).Write("a", "stale"))));

        Assert.Equal([TxValidationCode.MvccReadConflict], stale.Codes);
        Assert.Equal(before.Replace("savepoint=2:0", "savepoint=3:0", StringComparison.Ordinal), await StateDump.OfAsync(peer));
    }

    [Fact]
    public async Task Reading_a_key_as_absent_conflicts_once_it_exists()
    {
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);
        await peer.CommitAsync(chain.Cut(Tx(new RwSet().Write("a", "0"))));

        BlockCommitResult result = await peer.CommitAsync(chain.Cut(Tx(new RwSet().Read("a", null).Write("b", "1")), Tx(new RwSet().Read("c", null).Write("c", "1"))));

        Assert.Equal([TxValidationCode.MvccReadConflict, TxValidationCode.Valid], result.Codes);
    }

    [Fact]
    public async Task A_key_inserted_into_a_read_range_by_an_earlier_block_is_PHANTOM_READ_CONFLICT()
    {
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);
        await peer.CommitAsync(chain.Cut(Tx(new RwSet().Write("k1", "1").Write("k3", "3"))));
        var rangeTx = Tx(new RwSet().Range("k0", "k9", exhausted: true, ("k1", new Height(1, 0)), ("k3", new Height(1, 0))).Write("sum", "4"));
        await peer.CommitAsync(chain.Cut(Tx(new RwSet().Write("k2", "2"))));

        BlockCommitResult result = await peer.CommitAsync(chain.Cut(rangeTx));

        Assert.Equal([TxValidationCode.PhantomReadConflict], result.Codes);
        Assert.Null(await StateDump.ValueAsync(peer.State, "sum"));
    }

    [Fact]
    public async Task Range_reads_see_inserts_and_deletes_of_earlier_transactions_in_the_same_block()
    {
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);
        await peer.CommitAsync(chain.Cut(Tx(new RwSet().Write("k1", "1").Write("k3", "3"))));
        RwSet Range() => new RwSet().Range("k0", "k9", exhausted: true, ("k1", new Height(1, 0)), ("k3", new Height(1, 0))).Write("sum", "4");

        BlockCommitResult unchanged = await peer.CommitAsync(chain.Cut(Tx(Range()), Tx(new RwSet().Write("x", "outside the range"))));
        BlockCommitResult insertBefore = await peer.CommitAsync(chain.Cut(Tx(new RwSet().Write("k2", "2")), Tx(Range())));

        Assert.Equal([TxValidationCode.Valid, TxValidationCode.Valid], unchanged.Codes);
        Assert.Equal([TxValidationCode.Valid, TxValidationCode.PhantomReadConflict], insertBefore.Codes);
        BlockCommitResult deleteBefore = await peer.CommitAsync(chain.Cut(
            Tx(new RwSet().Delete("k2")),
            Tx(new RwSet().Range("k0", "k9", exhausted: true, ("k1", new Height(1, 0)), ("k2", new Height(3, 0)), ("k3", new Height(1, 0))))));
        Assert.Equal([TxValidationCode.Valid, TxValidationCode.PhantomReadConflict], deleteBefore.Codes);
    }

    [Fact]
    public async Task A_range_the_chaincode_stopped_early_includes_its_last_key_but_nothing_after()
    {
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);
        await peer.CommitAsync(chain.Cut(Tx(new RwSet().Write("k1", "1").Write("k3", "3"))));

        BlockCommitResult result = await peer.CommitAsync(chain.Cut(
            Tx(new RwSet().Write("k5", "5")),
            Tx(new RwSet().Range("k0", "k3", exhausted: false, ("k1", new Height(1, 0)), ("k3", new Height(1, 0)))),
            Tx(new RwSet().Write("k3", "new")),
            Tx(new RwSet().Range("k0", "k3", exhausted: false, ("k1", new Height(1, 0)), ("k3", new Height(1, 0))))));

        Assert.Equal([TxValidationCode.Valid, TxValidationCode.Valid, TxValidationCode.Valid, TxValidationCode.PhantomReadConflict], result.Codes);
    }

    [Fact]
    public async Task A_merkle_summarised_range_is_valid_when_unchanged_and_a_phantom_when_a_key_appears()
    {
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);
        var seed = new RwSet();
        var tree = new RangeQueryMerkleTree(2);
        for (int i = 0; i < 7; i++)
        {
            seed.Write($"m{i}", "v");
            tree.Add(new KVRead { Key = $"m{i}", Version = new Protos.Ledger.Rwset.Kvrwset.Version { BlockNum = 1, TxNum = 0 } });
        }

        await peer.CommitAsync(chain.Cut(Tx(seed)));
        QueryReadsMerkleSummary summary = tree.Complete()!;

        BlockCommitResult result = await peer.CommitAsync(chain.Cut(
            Tx(new RwSet().RangeSummary("m", "n", summary)),
            Tx(new RwSet().Write("m3a", "new")),
            Tx(new RwSet().RangeSummary("m", "n", summary))));

        Assert.Equal([TxValidationCode.Valid, TxValidationCode.Valid, TxValidationCode.PhantomReadConflict], result.Codes);
    }

    [Fact]
    public void Results_that_fit_within_the_degree_produce_no_merkle_summary()
    {
        var tree = new RangeQueryMerkleTree(3);
        tree.Add(new KVRead { Key = "a" });
        tree.Add(new KVRead { Key = "b" });

        Assert.Null(tree.Complete());
    }

    private static Envelope Tx(RwSet rwSet) => new EndorsedTransaction(Net.Org1Client, rwSet.Build()).Build();
}
