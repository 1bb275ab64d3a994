using System.Text;
using Fabricish.Channels.PrivateData;
using Fabricish.Committer.PrivateData;
using Fabricish.Committer.Validation;
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
        var provider = new Provider(eligible: true, pvt);
        MvccOutcome outcome = Outcome(tx);

        await new PrivateDataCommitter(provider, NullLogger.Instance).AddPrivateWritesAsync(4, [tx], outcome, CancellationToken.None);

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

        await new PrivateDataCommitter(new Provider(eligible: true, tampered), NullLogger.Instance).AddPrivateWritesAsync(4, [tx], outcome, CancellationToken.None);

        Assert.Null(outcome.Updates.Get(PrivateDataKeys.PrivateNamespace(Ns, Collection), "asset1"));
        StateUpdate hash = outcome.Updates.Get(PrivateDataKeys.HashedNamespace(Ns, Collection), PrivateDataKeys.HashedKey("asset1"))!;
        Assert.Equal(PrivateDataKeys.ValueHash("secret"u8), hash.Value);
    }

    [Fact]
    public async Task A_peer_outside_the_collection_stores_only_the_hashes_and_never_asks_for_the_data()
    {
        (ValidatedTransaction tx, TxPvtReadWriteSet pvt) = Transaction("asset1", "secret");
        var provider = new Provider(eligible: false, pvt);
        MvccOutcome outcome = Outcome(tx);

        await new PrivateDataCommitter(provider, NullLogger.Instance).AddPrivateWritesAsync(4, [tx], outcome, CancellationToken.None);

        Assert.Equal(0, provider.Asked);
        Assert.Null(outcome.Updates.Get(PrivateDataKeys.PrivateNamespace(Ns, Collection), "asset1"));
        Assert.NotNull(outcome.Updates.Get(PrivateDataKeys.HashedNamespace(Ns, Collection), PrivateDataKeys.HashedKey("asset1")));
    }

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

    private sealed class Provider(bool eligible, TxPvtReadWriteSet data) : IPrivateDataProvider
    {
        public int Asked { get; private set; }

        public List<string> Committed { get; } = [];

        public bool IsEligible(string ns, string collection) => eligible;

        public Task<TxPvtReadWriteSet?> GetAsync(string txId, ulong blockNumber, IReadOnlyList<(string Namespace, string Collection)> needed, CancellationToken cancellationToken)
        {
            Asked++;
            return Task.FromResult<TxPvtReadWriteSet?>(data);
        }

        void IPrivateDataProvider.Committed(ulong blockNumber, IReadOnlyList<string> txIds) => Committed.AddRange(txIds);
    }
}
