using System.Buffers.Binary;
using System.Text;
using Fabricish.Ledger.Storage;
using RocksDbSharp;

namespace Fabricish.Ledger.PrivateData;

/// <summary>Fabric's pvtdata store (core/ledger/pvtdatastorage) with the purge manager's expiry bookkeeping
/// (pvtstatepurgemgmt), one embedded store for all channels of a peer: the private write sets this peer committed,
/// by transaction and collection, so other member peers can reconcile from it; the missing data entries of
/// collections this peer is a member of but committed without their data, and the ineligible ones of collections it
/// is not a member of (Fabric's ineligible missing data, which become eligible when a chaincode definition makes the
/// peer's organization a member); and the keys to purge when their collection's blockToLive runs out, missing data
/// entries included.</summary>
public sealed class PvtDataStore : IDisposable
{
    private const byte DataKind = (byte)'D';
    private const byte DataExpiryKind = (byte)'X';
    private const byte MissingKind = (byte)'M';
    private const byte KeyExpiryKind = (byte)'E';
    private const byte IneligibleKind = (byte)'I';
    private const byte MissingExpiryKind = (byte)'Z';

    private readonly EmbeddedStore _store;

    private PvtDataStore(EmbeddedStore store) => _store = store;

    public static PvtDataStore Open(string path) =>
        new(EmbeddedStore.Open(path, "private data store", new EmbeddedStoreOptions { WriteBufferBytes = 4UL << 20, BlockCacheBytes = 4UL << 20 }));

    /// <summary>Stores one collection's committed private write set; <paramref name="expiringBlock"/> is the block
    /// whose commit purges it (<see cref="ulong.MaxValue"/> for never).</summary>
    public void Commit(string channelId, ulong blockNumber, ulong txNumber, string txId, string ns, string collection, ReadOnlySpan<byte> rwset, ulong expiringBlock)
    {
        using var batch = new WriteBatch();
        byte[] value = new byte[16 + rwset.Length];
        BinaryPrimitives.WriteUInt64BigEndian(value, blockNumber);
        BinaryPrimitives.WriteUInt64BigEndian(value.AsSpan(8), txNumber);
        rwset.CopyTo(value.AsSpan(16));
        batch.Put(StoreKeys.Build(DataKind, channelId, txId, ns, collection), value);
        if (expiringBlock != ulong.MaxValue)
        {
            batch.Put(StoreKeys.Build(DataExpiryKind, channelId, expiringBlock, txId, ns, collection), Array.Empty<byte>());
        }

        batch.Delete(StoreKeys.Build(MissingKind, channelId, blockNumber, txNumber, ns, collection));
        batch.Delete(StoreKeys.Build(IneligibleKind, channelId, ns, collection, blockNumber, txNumber));
        _store.Write(batch);
    }

    /// <summary>The committed private write set of one collection of a transaction, null when this peer has none.</summary>
    public byte[]? Get(string channelId, string txId, string ns, string collection) =>
        _store.Db.Get(StoreKeys.Build(DataKind, channelId, txId, ns, collection)) is { Length: >= 16 } value ? value[16..] : null;

    /// <summary>Records a collection's private data the peer committed a block without: eligible (the peer's
    /// organization is a member, the reconciler fetches it) or not (kept until a definition makes it a member);
    /// <paramref name="expiringBlock"/> is the block whose commit forgets it (<see cref="ulong.MaxValue"/> for never).</summary>
    public void RecordMissing(string channelId, MissingPrivateData missing, bool eligible, ulong expiringBlock)
    {
        ArgumentNullException.ThrowIfNull(missing);
        using var batch = new WriteBatch();
        byte[] key = eligible
            ? StoreKeys.Build(MissingKind, channelId, missing.BlockNumber, missing.TxNumber, missing.Namespace, missing.Collection)
            : StoreKeys.Build(IneligibleKind, channelId, missing.Namespace, missing.Collection, missing.BlockNumber, missing.TxNumber);
        batch.Put(key, MissingValue(missing.TxId, missing.PvtRwSetHash));
        if (expiringBlock != ulong.MaxValue)
        {
            batch.Put(StoreKeys.Build(MissingExpiryKind, channelId, expiringBlock, missing.BlockNumber, missing.TxNumber, missing.Namespace, missing.Collection), Array.Empty<byte>());
        }

        _store.Write(batch);
    }

    /// <summary>The collections of the channel with ineligible missing data entries.</summary>
    public IReadOnlyList<(string Namespace, string Collection)> IneligibleCollections(string channelId)
    {
        byte[] prefix = StoreKeys.Build(IneligibleKind, channelId);
        var found = new List<(string, string)>();
        using Iterator iterator = _store.Db.NewIterator();
        iterator.Seek(prefix);
        while (iterator.Valid() && StoreKeys.StartsWith(iterator.Key(), prefix))
        {
            int offset = prefix.Length;
            string ns = StoreKeys.ReadText(iterator.Key(), ref offset);
            string collection = StoreKeys.ReadText(iterator.Key(), ref offset);
            found.Add((ns, collection));

            // Past this collection's last entry: its keys end with two block and transaction numbers.
            byte[] last = StoreKeys.Build(IneligibleKind, channelId, ns, collection, ulong.MaxValue, ulong.MaxValue);
            iterator.Seek(last);
            if (iterator.Valid() && iterator.Key().AsSpan().SequenceEqual(last))
            {
                iterator.Next();
            }
        }

        return found;
    }

    /// <summary>Fabric's ProcessCollsEligibilityEnabled: the collection's ineligible missing data entries become
    /// eligible ones, for the reconciler; returns how many.</summary>
    public int MakeEligible(string channelId, string ns, string collection)
    {
        byte[] prefix = StoreKeys.Build(IneligibleKind, channelId, ns, collection);
        using var batch = new WriteBatch();
        int count = 0;
        using (Iterator iterator = _store.Db.NewIterator())
        {
            for (iterator.Seek(prefix); iterator.Valid() && StoreKeys.StartsWith(iterator.Key(), prefix); iterator.Next())
            {
                byte[] key = iterator.Key();
                int offset = prefix.Length;
                ulong block = StoreKeys.ReadNumber(key, ref offset);
                ulong tx = StoreKeys.ReadNumber(key, ref offset);
                batch.Put(StoreKeys.Build(MissingKind, channelId, block, tx, ns, collection), iterator.Value());
                batch.Delete(key);
                count++;
            }
        }

        _store.Write(batch);
        return count;
    }

    public void RemoveMissing(string channelId, MissingPrivateData missing)
    {
        ArgumentNullException.ThrowIfNull(missing);
        using var batch = new WriteBatch();
        batch.Delete(StoreKeys.Build(MissingKind, channelId, missing.BlockNumber, missing.TxNumber, missing.Namespace, missing.Collection));
        batch.Delete(StoreKeys.Build(IneligibleKind, channelId, missing.Namespace, missing.Collection, missing.BlockNumber, missing.TxNumber));
        _store.Write(batch);
    }

    /// <summary>Up to <paramref name="max"/> missing data entries of the channel, most recent block first, as Fabric's
    /// reconciler asks for the prioritized missing data.</summary>
    public IReadOnlyList<MissingPrivateData> Missing(string channelId, int max)
    {
        byte[] prefix = StoreKeys.Build(MissingKind, channelId);
        var found = new List<MissingPrivateData>();
        using Iterator iterator = _store.Db.NewIterator();
        byte[] upper = StoreKeys.Build(MissingKind, channelId, ulong.MaxValue);
        for (iterator.SeekForPrev(upper); iterator.Valid() && found.Count < max; iterator.Prev())
        {
            byte[] key = iterator.Key();
            if (!StoreKeys.StartsWith(key, prefix))
            {
                break;
            }

            int offset = prefix.Length;
            ulong block = StoreKeys.ReadNumber(key, ref offset);
            ulong tx = StoreKeys.ReadNumber(key, ref offset);
            string ns = StoreKeys.ReadText(key, ref offset);
            string collection = StoreKeys.ReadText(key, ref offset);
            byte[] value = iterator.Value();
            int split = Array.IndexOf(value, (byte)0);
            found.Add(new MissingPrivateData(block, tx, Encoding.UTF8.GetString(value, 0, split), ns, collection, value[(split + 1)..]));
        }

        return found;
    }

    public void ScheduleExpiry(string channelId, IReadOnlyCollection<ExpiringKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return;
        }

        using var batch = new WriteBatch();
        foreach (ExpiringKey key in keys)
        {
            batch.Put(
                StoreKeys.Build(KeyExpiryKind, channelId, key.ExpiringBlock, key.CommittingBlock, key.Namespace, key.Collection, key.HashedKey),
                Encoding.UTF8.GetBytes(key.Key));
        }

        _store.Write(batch);
    }

    /// <summary>The keys scheduled to expire at or before <paramref name="blockNumber"/>, from block
    /// <paramref name="from"/> on.</summary>
    public IReadOnlyList<ExpiringKey> ExpiringBy(string channelId, ulong blockNumber, ulong from = 0)
    {
        var found = new List<ExpiringKey>();
        Scan(StoreKeys.Build(KeyExpiryKind, channelId), blockNumber, (key, offset, expiring, iterator) =>
        {
            ulong committing = StoreKeys.ReadNumber(key, ref offset);
            string ns = StoreKeys.ReadText(key, ref offset);
            string collection = StoreKeys.ReadText(key, ref offset);
            string hashedKey = StoreKeys.ReadText(key, ref offset);
            found.Add(new ExpiringKey(expiring, committing, ns, collection, hashedKey, Encoding.UTF8.GetString(iterator.Value())));
        }, from);

        return found;
    }

    /// <summary>Forgets the expiry schedule up to <paramref name="blockNumber"/> and drops the stored private write sets
    /// and the missing data entries (eligible or not) that expired by then.</summary>
    public int PurgeExpired(string channelId, ulong blockNumber)
    {
        using var batch = new WriteBatch();
        int count = 0;
        Scan(StoreKeys.Build(KeyExpiryKind, channelId), blockNumber, (key, _, _, _) => batch.Delete(key));
        Scan(StoreKeys.Build(DataExpiryKind, channelId), blockNumber, (key, offset, _, _) =>
        {
            string txId = StoreKeys.ReadText(key, ref offset);
            string ns = StoreKeys.ReadText(key, ref offset);
            string collection = StoreKeys.ReadText(key, ref offset);
            batch.Delete(key);
            batch.Delete(StoreKeys.Build(DataKind, channelId, txId, ns, collection));
            count++;
        });
        Scan(StoreKeys.Build(MissingExpiryKind, channelId), blockNumber, (key, offset, _, _) =>
        {
            ulong block = StoreKeys.ReadNumber(key, ref offset);
            ulong tx = StoreKeys.ReadNumber(key, ref offset);
            string ns = StoreKeys.ReadText(key, ref offset);
            string collection = StoreKeys.ReadText(key, ref offset);
            batch.Delete(key);
            batch.Delete(StoreKeys.Build(MissingKind, channelId, block, tx, ns, collection));
            batch.Delete(StoreKeys.Build(IneligibleKind, channelId, ns, collection, block, tx));
        });
        _store.Write(batch);
        return count;
    }

    public void Dispose() => _store.Dispose();

    private static byte[] MissingValue(string txId, byte[] pvtRwSetHash)
    {
        byte[] id = Encoding.UTF8.GetBytes(txId);
        byte[] value = new byte[id.Length + 1 + pvtRwSetHash.Length];
        id.CopyTo(value, 0);
        pvtRwSetHash.CopyTo(value, id.Length + 1);
        return value;
    }

    /// <summary>Visits the entries under <paramref name="prefix"/> whose leading block number is from
    /// <paramref name="from"/> to <paramref name="upTo"/>, with the offset after that number.</summary>
    private void Scan(byte[] prefix, ulong upTo, Action<byte[], int, ulong, Iterator> visit, ulong from = 0)
    {
        using Iterator iterator = _store.Db.NewIterator();
        byte[] start = [.. prefix, .. new byte[8]];
        BinaryPrimitives.WriteUInt64BigEndian(start.AsSpan(prefix.Length), from);
        for (iterator.Seek(start); iterator.Valid(); iterator.Next())
        {
            byte[] key = iterator.Key();
            if (!StoreKeys.StartsWith(key, prefix))
            {
                break;
            }

            int offset = prefix.Length;
            ulong number = StoreKeys.ReadNumber(key, ref offset);
            if (number > upTo)
            {
                break;
            }

            visit(key, offset, number, iterator);
        }
    }
}
