using System.Text;
using Fabricish.Channels.PrivateData;
using Fabricish.Committer.PrivateData;
using Fabricish.Committer.Tests.Support;
using Fabricish.Committer.Validation;
using Fabricish.Ledger.PrivateData;
using Fabricish.Ledger.State;
using Fabricish.Protos.Common;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabricish.Committer.Tests;

/// <summary>Private data at commit: hashes on every peer, values on members whose private write set matches the
/// hash the block carries.</summary>
public sealed class PrivateDataCommitterTests
{
    private const string Ns = "private";
    private const string Collection = "Org1Org2";

    [Fact]
    public async Task A_member_commits_the_private_values_and_the_hashes_at_the_transactions_height()
    {
        (ValidatedTransaction tx, TxPvtReadWriteSet pvt) = Transaction("asset1", "secret");
        using var provider = new PrivateDataDouble(eligible: true, pvt);
        MvccOutcome outcome = Outcome(tx);

        await new PrivateDataCommitter(provider, NullLogger.Instance).AddPrivateWritesAsync(4, [tx], outcome, NoneCommitted, CancellationToken.None);

        StateUpdate value = outcome.Updates.Get(PrivateDataKeys.PrivateNamespace(Ns, Collection), "asset1")!;
        Assert.Equal(("secret", new Height(4, 0)), (Encoding.UTF8.GetString(value.Value!), value.Version));
        Assert.NotNull(outcome.Updates.Get(PrivateDataKeys.HashedNamespace(Ns, Collection), PrivateDataKeys.HashedKey("asset1")));
        Assert.Equal(["tx1"], provider.Committed);
    }

    [Fact]
    public async Task A_tampered_private_write_set_is_refused_and_only_the_hashes_are_committed()
    {
        (ValidatedTransaction tx, _) = Transaction("asset1", "secret");
        (_, TxPvtReadWriteSet tampered) = Transaction("asset1", "forged");
        MvccOutcome outcome = Outcome(tx);

        using var provider = new PrivateDataDouble(eligible: true, tampered);
        await new PrivateDataCommitter(provider, NullLogger.Instance).AddPrivateWritesAsync(4, [tx], outcome, NoneCommitted, CancellationToken.None);

        Assert.Null(outcome.Updates.Get(PrivateDataKeys.PrivateNamespace(Ns, Collection), "asset1"));
        StateUpdate hash = outcome.Updates.Get(PrivateDataKeys.HashedNamespace(Ns, Collection), PrivateDataKeys.HashedKey("asset1"))!;
        Assert.Equal(PrivateDataKeys.ValueHash("secret"u8), hash.Value);
        Assert.Equal(1, provider.Pulled);
        MissingPrivateData missing = Assert.Single(provider.Store.Missing(10));
        Assert.Equal((4UL, 0UL, "tx1", Ns, Collection), (missing.BlockNumber, missing.TxNumber, missing.TxId, missing.Namespace, missing.Collection));
    }

    [Fact]
    public async Task A_tampered_local_set_is_replaced_by_a_matching_one_pulled_from_another_member()
    {
        (ValidatedTransaction tx, TxPvtReadWriteSet pvt) = Transaction("asset1", "secret");
        (_, TxPvtReadWriteSet tampered) = Transaction("asset1", "forged");
        MvccOutcome outcome = Outcome(tx);
        using var provider = new PrivateDataDouble(eligible: true, tampered, pullable: pvt);

        await new PrivateDataCommitter(provider, NullLogger.Instance).AddPrivateWritesAsync(4, [tx], outcome, NoneCommitted, CancellationToken.None);

        Assert.Equal("secret", Encoding.UTF8.GetString(outcome.Updates.Get(PrivateDataKeys.PrivateNamespace(Ns, Collection), "asset1")!.Value!));
        Assert.Empty(provider.Store.Missing(10));
        Assert.NotNull(provider.Store.Get("tx1", Ns, Collection));
    }

    [Fact]
    public async Task A_member_without_the_data_anywhere_commits_the_hashes_and_records_it_missing()
    {
        (ValidatedTransaction tx, _) = Transaction("asset1", "secret");
        MvccOutcome outcome = Outcome(tx);
        using var provider = new PrivateDataDouble(eligible: true, local: null, pullable: null);

        await new PrivateDataCommitter(provider, NullLogger.Instance).AddPrivateWritesAsync(4, [tx], outcome, NoneCommitted, CancellationToken.None);

        Assert.Null(outcome.Updates.Get(PrivateDataKeys.PrivateNamespace(Ns, Collection), "asset1"));
        Assert.Equal(tx.RwSets[0].CollectionSets[0].PvtRwSetHash.ToByteArray(), Assert.Single(provider.Store.Missing(10)).PvtRwSetHash);
        Assert.Equal(["tx1"], provider.Committed);
    }

    [Fact]
    public async Task Keys_of_a_collection_with_blockToLive_n_written_at_block_b_are_purged_with_their_hashes_when_block_b_plus_n_plus_1_commits()
    {
        (ValidatedTransaction tx, TxPvtReadWriteSet pvt) = Transaction("asset1", "secret");
        using var provider = new PrivateDataDouble(eligible: true, pvt, blockToLive: 2);
        var committer = new PrivateDataCommitter(provider, NullLogger.Instance);
        await committer.AddPrivateWritesAsync(4, [tx], Outcome(tx), NoneCommitted, CancellationToken.None);
        CommittedValue writtenAt4 = WrittenAt(4);

        var atBlock6 = new MvccOutcome([], new UpdateBatch());
        await committer.AddPrivateWritesAsync(6, [], atBlock6, writtenAt4, CancellationToken.None);
        var atBlock7 = new MvccOutcome([], new UpdateBatch());
        await committer.AddPrivateWritesAsync(7, [], atBlock7, writtenAt4, CancellationToken.None);

        Assert.Equal(0, atBlock6.Updates.Count);
        Assert.True(atBlock7.Updates.Get(PrivateDataKeys.PrivateNamespace(Ns, Collection), "asset1")!.IsDelete);
        Assert.True(atBlock7.Updates.Get(PrivateDataKeys.HashedNamespace(Ns, Collection), PrivateDataKeys.HashedKey("asset1"))!.IsDelete);
    }

    [Fact]
    public async Task The_expiry_schedule_and_the_expired_sets_stay_until_the_purging_blocks_savepoint_is_recorded()
    {
        (ValidatedTransaction tx, TxPvtReadWriteSet pvt) = Transaction("asset1", "secret");
        using var provider = new PrivateDataDouble(eligible: true, pvt, blockToLive: 2);
        var committer = new PrivateDataCommitter(provider, NullLogger.Instance);
        await committer.AddPrivateWritesAsync(4, [tx], Outcome(tx), NoneCommitted, CancellationToken.None);
        await committer.AddPrivateWritesAsync(7, [], new MvccOutcome([], new UpdateBatch()), WrittenAt(4), CancellationToken.None);

        // Block 7's state write may not be durable yet: a replay of it needs the schedule to purge again.
        Assert.NotNull(provider.Store.Get("tx1", Ns, Collection));
        Assert.Single(provider.Store.ExpiringBy(7));
        committer.SavepointRecorded(6);
        Assert.Single(provider.Store.ExpiringBy(7));

        committer.SavepointRecorded(7);

        Assert.Null(provider.Store.Get("tx1", Ns, Collection));
        Assert.Empty(provider.Store.ExpiringBy(ulong.MaxValue - 1));
    }

    [Fact]
    public async Task Purging_again_a_key_already_purged_or_written_again_changes_nothing()
    {
        (ValidatedTransaction tx, TxPvtReadWriteSet pvt) = Transaction("asset1", "secret");
        using var provider = new PrivateDataDouble(eligible: true, pvt, blockToLive: 2);
        var committer = new PrivateDataCommitter(provider, NullLogger.Instance);
        await committer.AddPrivateWritesAsync(4, [tx], Outcome(tx), NoneCommitted, CancellationToken.None);
        var atBlock8Purged = new MvccOutcome([], new UpdateBatch());
        var atBlock8Rewritten = new MvccOutcome([], new UpdateBatch());

        // Block 7's savepoint not recorded yet: block 8 finds block 7's schedule entry again.
        await committer.AddPrivateWritesAsync(8, [], atBlock8Purged, NoneCommitted, CancellationToken.None);
        await committer.AddPrivateWritesAsync(8, [], atBlock8Rewritten, WrittenAt(7), CancellationToken.None);

        Assert.Equal(0, atBlock8Purged.Updates.Count);
        Assert.Equal(0, atBlock8Rewritten.Updates.Count);
    }

    [Fact]
    public async Task A_key_written_again_after_its_scheduled_block_is_not_purged_by_the_older_schedule()
    {
        (ValidatedTransaction tx, TxPvtReadWriteSet pvt) = Transaction("asset1", "secret");
        using var provider = new PrivateDataDouble(eligible: true, pvt, blockToLive: 2);
        var committer = new PrivateDataCommitter(provider, NullLogger.Instance);
        await committer.AddPrivateWritesAsync(4, [tx], Outcome(tx), NoneCommitted, CancellationToken.None);

        var atBlock7 = new MvccOutcome([], new UpdateBatch());
        await committer.AddPrivateWritesAsync(7, [], atBlock7, WrittenAt(6), CancellationToken.None);

        Assert.Equal(0, atBlock7.Updates.Count);
    }

    [Fact]
    public async Task A_peer_outside_the_collection_purges_the_hashes_at_the_same_block()
    {
        (ValidatedTransaction tx, TxPvtReadWriteSet pvt) = Transaction("asset1", "secret");
        using var provider = new PrivateDataDouble(eligible: false, pvt, blockToLive: 1);
        var committer = new PrivateDataCommitter(provider, NullLogger.Instance);
        await committer.AddPrivateWritesAsync(4, [tx], Outcome(tx), NoneCommitted, CancellationToken.None);

        var atBlock6 = new MvccOutcome([], new UpdateBatch());
        await committer.AddPrivateWritesAsync(6, [], atBlock6, WrittenAt(4), CancellationToken.None);

        Assert.True(atBlock6.Updates.Get(PrivateDataKeys.HashedNamespace(Ns, Collection), PrivateDataKeys.HashedKey("asset1"))!.IsDelete);
        Assert.Null(atBlock6.Updates.Get(PrivateDataKeys.PrivateNamespace(Ns, Collection), "asset1"));
    }

    [Fact]
    public async Task Recovery_of_a_block_above_the_savepoint_reapplies_the_private_values_from_the_private_data_store()
    {
        (ValidatedTransaction tx, TxPvtReadWriteSet pvt) = Transaction("asset1", "secret");
        using var provider = new PrivateDataDouble(eligible: true, pvt);
        await new PrivateDataCommitter(provider, NullLogger.Instance).AddPrivateWritesAsync(4, [tx], Outcome(tx), NoneCommitted, CancellationToken.None);

        var replayed = new UpdateBatch();
        MvccValidator.ApplyWrites(tx, new Height(4, 0), replayed);
        await new PrivateDataCommitter(provider, NullLogger.Instance).ReplayAsync(4, [tx], replayed, NoneCommitted, CancellationToken.None);

        StateUpdate value = replayed.Get(PrivateDataKeys.PrivateNamespace(Ns, Collection), "asset1")!;
        Assert.Equal(("secret", new Height(4, 0)), (Encoding.UTF8.GetString(value.Value!), value.Version));
    }

    [Theory]
    [InlineData(5UL, 3UL, 9UL)]
    [InlineData(5UL, 0UL, ulong.MaxValue)]
    [InlineData(ulong.MaxValue - 1, 5UL, ulong.MaxValue)]
    public void The_expiring_block_is_fabrics_committing_block_plus_blockToLive_plus_one(ulong committing, ulong blockToLive, ulong expiring) =>
        Assert.Equal(expiring, BlockToLive.ExpiringBlock(committing, blockToLive));

    [Fact]
    public async Task Reconciled_data_enters_private_state_only_while_the_hashed_key_still_has_the_transactions_version()
    {
        (ValidatedTransaction tx, TxPvtReadWriteSet pvt) = Transaction("asset1", "secret");
        using var provider = new PrivateDataDouble(eligible: true, local: null);
        await new PrivateDataCommitter(provider, NullLogger.Instance).AddPrivateWritesAsync(4, [tx], Outcome(tx), NoneCommitted, CancellationToken.None);
        MissingPrivateData missing = Assert.Single(provider.Store.Missing(10));
        var item = new ReconciledPrivateData(missing, pvt.NsPvtRwset[0].CollectionPvtRwset[0].Rwset.ToByteArray());

        var stale = new UpdateBatch();
        ReconcileOutcome staleOutcome = (await PrivateDataReconciliation.PrepareAsync(
            provider, [item], stale, WrittenAt(5), CancellationToken.None)).Outcome;
        var current = new UpdateBatch();
        PrivateDataReconciliation.Prepared prepared = await PrivateDataReconciliation.PrepareAsync(
            provider, [item], current, WrittenAt(4), CancellationToken.None);
        ReconcileOutcome currentOutcome = prepared.Outcome;

        // The entry stays missing until the state holding the values is written.
        Assert.Single(provider.Store.Missing(10));
        prepared.StoreAll();

        Assert.Equal(new ReconcileOutcome(1, 0, 1, 0), staleOutcome);
        Assert.Equal(0, stale.Count);
        Assert.Equal(new ReconcileOutcome(1, 1, 0, 0), currentOutcome);
        StateUpdate value = current.Get(PrivateDataKeys.PrivateNamespace(Ns, Collection), "asset1")!;
        Assert.Equal(("secret", new Height(4, 0)), (Encoding.UTF8.GetString(value.Value!), value.Version));
        Assert.Empty(provider.Store.Missing(10));
    }

    [Fact]
    public async Task Reconciled_data_that_does_not_match_the_blocks_hash_is_refused_and_stays_missing()
    {
        (ValidatedTransaction tx, _) = Transaction("asset1", "secret");
        (_, TxPvtReadWriteSet forged) = Transaction("asset1", "forged");
        using var provider = new PrivateDataDouble(eligible: true, local: null);
        await new PrivateDataCommitter(provider, NullLogger.Instance).AddPrivateWritesAsync(4, [tx], Outcome(tx), NoneCommitted, CancellationToken.None);
        MissingPrivateData missing = Assert.Single(provider.Store.Missing(10));

        var updates = new UpdateBatch();
        PrivateDataReconciliation.Prepared prepared = await PrivateDataReconciliation.PrepareAsync(
            provider, [new ReconciledPrivateData(missing, forged.NsPvtRwset[0].CollectionPvtRwset[0].Rwset.ToByteArray())], updates,
            WrittenAt(4), CancellationToken.None);
        prepared.StoreAll();
        ReconcileOutcome outcome = prepared.Outcome;

        Assert.Equal(new ReconcileOutcome(0, 0, 0, 1), outcome);
        Assert.Equal(0, updates.Count);
        Assert.Single(provider.Store.Missing(10));
    }

    [Fact]
    public async Task A_peer_outside_the_collection_stores_only_the_hashes_and_never_asks_for_the_data()
    {
        (ValidatedTransaction tx, TxPvtReadWriteSet pvt) = Transaction("asset1", "secret");
        using var provider = new PrivateDataDouble(eligible: false, pvt);
        MvccOutcome outcome = Outcome(tx);

        await new PrivateDataCommitter(provider, NullLogger.Instance).AddPrivateWritesAsync(4, [tx], outcome, NoneCommitted, CancellationToken.None);

        Assert.Equal(0, provider.Asked);
        Assert.Null(outcome.Updates.Get(PrivateDataKeys.PrivateNamespace(Ns, Collection), "asset1"));
        Assert.NotNull(outcome.Updates.Get(PrivateDataKeys.HashedNamespace(Ns, Collection), PrivateDataKeys.HashedKey("asset1")));
    }

    [Theory]
    [InlineData("secret", true)]
    [InlineData("stale", false)]
    public async Task A_metadata_only_write_moves_the_private_value_to_its_hashs_new_version_when_the_value_matches_the_hash(string stored, bool renewed)
    {
        (ValidatedTransaction tx, TxPvtReadWriteSet pvt) = MetadataOnlyTransaction("asset1");
        using var provider = new PrivateDataDouble(eligible: true, pvt);
        var updates = new UpdateBatch();

        // As the in-order stage leaves a metadata-only write: the hash kept, at the writing transaction's height.
        updates.Put(PrivateDataKeys.HashedNamespace(Ns, Collection), PrivateDataKeys.HashedKey("asset1"), PrivateDataKeys.ValueHash("secret"u8), new Height(5, 0), [1]);
        ValueTask<VersionedValue?> Latest(string ns, string key, CancellationToken cancellationToken) =>
            ValueTask.FromResult<VersionedValue?>(ns == PrivateDataKeys.PrivateNamespace(Ns, Collection) && key == "asset1"
                ? new VersionedValue(Encoding.UTF8.GetBytes(stored), new Height(4, 0))
                : null);

        await new PrivateDataCommitter(provider, NullLogger.Instance)
            .AddPrivateWritesAsync(5, [tx], new MvccOutcome([TxValidationCode.Valid], updates), Latest, CancellationToken.None);

        StateUpdate? value = updates.Get(PrivateDataKeys.PrivateNamespace(Ns, Collection), "asset1");
        if (renewed)
        {
            Assert.Equal(("secret", new Height(5, 0)), (Encoding.UTF8.GetString(value!.Value!), value.Version));
        }
        else
        {
            // A value committed while its data was missing may be stale: it is left for reconciliation.
            Assert.Null(value);
        }
    }

    private static (ValidatedTransaction Tx, TxPvtReadWriteSet Pvt) MetadataOnlyTransaction(string key)
    {
        var writes = new KVRWSet { MetadataWrites = { new KVMetadataWrite { Key = key } } };
        ByteString pvtBytes = writes.ToByteString();
        var hashed = new HashedRWSet
        {
            MetadataWrites =
            {
                new KVMetadataWriteHash
                {
                    KeyHash = ByteString.CopyFrom(PrivateDataKeys.KeyHash(key)),
                    Entries = { new KVMetadataEntry { Name = "VALIDATION_PARAMETER", Value = ByteString.CopyFrom(1) } },
                },
            },
        };
        var ns = new NamespaceRwSet(Ns, new KVRWSet(), [new CollectionRwSet(Collection, hashed, ByteString.CopyFrom(PrivateDataKeys.ValueHash(pvtBytes.Span)))]);
        var tx = new ValidatedTransaction { Index = 0, Code = TxValidationCode.Valid, TxId = "tx2", Type = HeaderType.EndorserTransaction, RwSets = [ns] };
        var pvt = new TxPvtReadWriteSet
        {
            NsPvtRwset = { new NsPvtReadWriteSet { Namespace = Ns, CollectionPvtRwset = { new CollectionPvtReadWriteSet { CollectionName = Collection, Rwset = pvtBytes } } } },
        };
        return (tx, pvt);
    }

    private static ValueTask<VersionedValue?> NoneCommitted(string ns, string key, CancellationToken cancellationToken) => ValueTask.FromResult<VersionedValue?>(null);

    private static CommittedValue WrittenAt(ulong block) => (_, _, _) => ValueTask.FromResult<VersionedValue?>(new VersionedValue([1], new Height(block, 0)));

    private static MvccOutcome Outcome(ValidatedTransaction tx)
    {
        var updates = new UpdateBatch();
        MvccValidator.ApplyWrites(tx, new Height(4, 0), updates);
        return new MvccOutcome([TxValidationCode.Valid], updates);
    }

    private static (ValidatedTransaction Tx, TxPvtReadWriteSet Pvt) Transaction(string key, string value)
    {
        var writes = new KVRWSet { Writes = { new KVWrite { Key = key, Value = ByteString.CopyFromUtf8(value) } } };
        ByteString pvtBytes = writes.ToByteString();
        var hashed = new HashedRWSet
        {
            HashedWrites =
            {
                new KVWriteHash
                {
                    KeyHash = ByteString.CopyFrom(PrivateDataKeys.KeyHash(key)),
                    ValueHash = ByteString.CopyFrom(PrivateDataKeys.ValueHash(Encoding.UTF8.GetBytes(value))),
                },
            },
        };
        var ns = new NamespaceRwSet(Ns, new KVRWSet(), [new CollectionRwSet(Collection, hashed, ByteString.CopyFrom(PrivateDataKeys.ValueHash(pvtBytes.Span)))]);
        var tx = new ValidatedTransaction { Index = 0, Code = TxValidationCode.Valid, TxId = "tx1", Type = HeaderType.EndorserTransaction, RwSets = [ns] };
        var pvt = new TxPvtReadWriteSet
        {
            NsPvtRwset = { new NsPvtReadWriteSet { Namespace = Ns, CollectionPvtRwset = { new CollectionPvtReadWriteSet { CollectionName = Collection, Rwset = pvtBytes } } } },
        };
        return (tx, pvt);
    }
}
