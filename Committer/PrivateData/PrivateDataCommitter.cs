using Fabricish.Channels.PrivateData;
using Fabricish.Committer.Validation;
using Fabricish.Ledger.State;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Fabricish.Committer.PrivateData;

/// <summary>Fabric's privdata coordinator at commit: for each valid transaction with hashed writes in a collection
/// this peer belongs to, the private write set is fetched, its SHA-256 checked against the hash the block carries
/// (a set that does not match is refused and the data counted missing, as Fabric does), and its writes are put in
/// <c>&lt;ns&gt;$$p&lt;coll&gt;</c> at the transaction's height beside the hashes every peer writes. A peer outside
/// the collection stores only the hashes.</summary>
public sealed partial class PrivateDataCommitter(IPrivateDataProvider provider, ILogger logger)
{
    public async Task AddPrivateWritesAsync(ulong blockNumber, IReadOnlyList<ValidatedTransaction> transactions, MvccOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(outcome);
        var committed = new List<string>();
        foreach (ValidatedTransaction tx in transactions)
        {
            if (tx.TxId.Length > 0)
            {
                committed.Add(tx.TxId);
            }

            if (outcome.Codes[tx.Index] != TxValidationCode.Valid)
            {
                continue;
            }

            List<(string Namespace, CollectionRwSet Set)>? needed = null;
            foreach (NamespaceRwSet ns in tx.RwSets)
            {
                foreach (CollectionRwSet collection in ns.CollectionSets)
                {
                    if (collection.Hashed.HashedWrites.Count > 0 && provider.IsEligible(ns.Namespace, collection.Collection))
                    {
                        (needed ??= []).Add((ns.Namespace, collection));
                    }
                }
            }

            if (needed is null)
            {
                continue;
            }

            TxPvtReadWriteSet? pvt = await provider.GetAsync(
                tx.TxId, blockNumber, [.. needed.Select(n => (n.Namespace, n.Set.Collection))], cancellationToken).ConfigureAwait(false);
            var height = new Height(blockNumber, (ulong)tx.Index);
            foreach ((string ns, CollectionRwSet set) in needed)
            {
                CollectionPvtReadWriteSet? data = Find(pvt, ns, set.Collection);
                if (data is null)
                {
                    LogMissing(logger, tx.TxId, blockNumber, ns, set.Collection);
                    continue;
                }

                if (!PrivateDataKeys.ValueHash(data.Rwset.Span).AsSpan().SequenceEqual(set.PvtRwSetHash.Span))
                {
                    LogHashMismatch(logger, tx.TxId, blockNumber, ns, set.Collection);
                    continue;
                }

                Apply(ns, set.Collection, KVRWSet.Parser.ParseFrom(data.Rwset.Span), height, outcome.Updates);
            }
        }

        provider.Committed(blockNumber, committed);
    }

    private static CollectionPvtReadWriteSet? Find(TxPvtReadWriteSet? pvt, string ns, string collection)
    {
        foreach (NsPvtReadWriteSet nsSet in pvt?.NsPvtRwset ?? [])
        {
            if (nsSet.Namespace != ns)
            {
                continue;
            }

            foreach (CollectionPvtReadWriteSet set in nsSet.CollectionPvtRwset)
            {
                if (set.CollectionName == collection)
                {
                    return set;
                }
            }
        }

        return null;
    }

    private static void Apply(string ns, string collection, KVRWSet writes, Height height, UpdateBatch updates)
    {
        string privateNs = PrivateDataKeys.PrivateNamespace(ns, collection);
        foreach (KVWrite write in writes.Writes)
        {
            if (write.IsDelete)
            {
                updates.Delete(privateNs, write.Key, height);
            }
            else
            {
                updates.Put(privateNs, write.Key, write.Value.ToByteArray(), height);
            }
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning,
        Message = "private data of transaction {TxId} in block {BlockNumber} for collection {Namespace}/{Collection} is missing on this member peer; only its hashes are committed")]
    private static partial void LogMissing(ILogger logger, string txId, ulong blockNumber, string @namespace, string collection);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning,
        Message = "private data of transaction {TxId} in block {BlockNumber} for collection {Namespace}/{Collection} does not match the hash in the block; refused, only the hashes are committed")]
    private static partial void LogHashMismatch(ILogger logger, string txId, ulong blockNumber, string @namespace, string collection);
}
