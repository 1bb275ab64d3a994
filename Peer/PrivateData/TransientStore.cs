using System.Collections.Concurrent;
using Fabricish.Protos.Ledger.Rwset;

namespace Fabricish.Peer.PrivateData;

/// <summary>Fabric's transient store: private write sets of endorsed but not yet committed transactions, by channel
/// and txid, each with the height its endorsement simulated at. Sets for one transaction from several endorsers are
/// merged by collection (every endorser computes the same bytes). Entries leave when their block commits or when they
/// are older than <see cref="MaxBlockRetention"/> blocks (Fabric's transientstoreMaxBlockRetention). Held in memory:
/// a peer restarted between endorsement and commit pulls the data from another member instead.</summary>
internal sealed class TransientStore
{
    /// <summary>Fabric's default peer.gossip.pvtData.transientstoreMaxBlockRetention.</summary>
    public const ulong MaxBlockRetention = 1000;

    private readonly ConcurrentDictionary<(string Channel, string TxId), Entry> _entries = new();

    public int Count => _entries.Count;

    public void Persist(string channelId, string txId, TxPvtReadWriteSet privateData, ulong endorsedAt)
    {
        ArgumentNullException.ThrowIfNull(privateData);
        _entries.AddOrUpdate(
            (channelId, txId),
            _ => new Entry(privateData.Clone(), endorsedAt),
            (_, existing) => new Entry(Merge(existing.Data, privateData), Math.Max(existing.EndorsedAt, endorsedAt)));
    }

    public TxPvtReadWriteSet? Get(string channelId, string txId) =>
        _entries.TryGetValue((channelId, txId), out Entry? entry) ? entry.Data : null;

    /// <summary>Drops the committed transactions' entries and any entry older than the retention.</summary>
    public void Committed(string channelId, ulong blockNumber, IReadOnlyList<string> txIds)
    {
        foreach (string txId in txIds)
        {
            _entries.TryRemove((channelId, txId), out _);
        }

        if (blockNumber > MaxBlockRetention)
        {
            ulong below = blockNumber - MaxBlockRetention;
            foreach (KeyValuePair<(string Channel, string TxId), Entry> entry in _entries)
            {
                if (entry.Key.Channel == channelId && entry.Value.EndorsedAt < below)
                {
                    _entries.TryRemove(entry.Key, out _);
                }
            }
        }
    }

    private static TxPvtReadWriteSet Merge(TxPvtReadWriteSet existing, TxPvtReadWriteSet added)
    {
        TxPvtReadWriteSet merged = existing.Clone();
        foreach (NsPvtReadWriteSet ns in added.NsPvtRwset)
        {
            NsPvtReadWriteSet? target = merged.NsPvtRwset.FirstOrDefault(n => n.Namespace == ns.Namespace);
            if (target is null)
            {
                merged.NsPvtRwset.Add(ns.Clone());
                continue;
            }

            foreach (CollectionPvtReadWriteSet collection in ns.CollectionPvtRwset)
            {
                if (!target.CollectionPvtRwset.Any(c => c.CollectionName == collection.CollectionName))
                {
                    target.CollectionPvtRwset.Add(collection.Clone());
                }
            }
        }

        return merged;
    }

    private sealed record Entry(TxPvtReadWriteSet Data, ulong EndorsedAt);
}
