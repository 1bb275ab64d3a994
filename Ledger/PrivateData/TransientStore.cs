using System.Buffers.Binary;
using Fabricish.Ledger.Storage;
using Fabricish.Protos.Ledger.Rwset;
using Google.Protobuf;
using RocksDbSharp;

namespace Fabricish.Ledger.PrivateData;

/// <summary>Fabric's transient store (core/transientstore), kept in an embedded store in the peer's data folder so it
/// survives a restart: private write sets of endorsed but not yet committed transactions, by channel and txid, each
/// with the ledger height its endorsement simulated at. Sets for one transaction from several endorsers are merged by
/// collection (every endorser computes the same bytes for a collection). An entry leaves when its transaction commits
/// (<see cref="PurgeByTxIds"/>, valid or not) or when it is older than the retention (<see cref="PurgeBelowHeight"/>).</summary>
public sealed class TransientStore : IDisposable
{
    private const byte EntryKind = (byte)'T';
    private const byte HeightKind = (byte)'H';

    private readonly EmbeddedStore _store;
    private readonly Lock _writes = new();

    private TransientStore(EmbeddedStore store) => _store = store;

    /// <summary>Opens (creating if missing) the store in <paramref name="path"/>; one process at a time.</summary>
    public static TransientStore Open(string path) =>
        new(EmbeddedStore.Open(path, "transient store", new EmbeddedStoreOptions { WriteBufferBytes = 4UL << 20, BlockCacheBytes = 4UL << 20 }));

    public void Persist(string channelId, string txId, TxPvtReadWriteSet privateData, ulong endorsedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        ArgumentException.ThrowIfNullOrEmpty(txId);
        ArgumentNullException.ThrowIfNull(privateData);
        byte[] key = StoreKeys.Build(EntryKind, channelId, txId);
        lock (_writes)
        {
            using var batch = new WriteBatch();
            TxPvtReadWriteSet merged = privateData;
            ulong height = endorsedAt;
            if (Read(key) is { } existing)
            {
                merged = PrivateWriteSets.Merge(existing.Data, privateData);
                height = Math.Max(existing.EndorsedAt, endorsedAt);
                batch.Delete(StoreKeys.Build(HeightKind, channelId, existing.EndorsedAt, txId));
            }

            byte[] data = merged.ToByteArray();
            byte[] value = new byte[8 + data.Length];
            BinaryPrimitives.WriteUInt64BigEndian(value, height);
            data.CopyTo(value, 8);
            batch.Put(key, value);
            batch.Put(StoreKeys.Build(HeightKind, channelId, height, txId), Array.Empty<byte>());
            _store.Write(batch);
        }
    }

    /// <summary>The transaction's private write sets, null when none is stored.</summary>
    public TxPvtReadWriteSet? Get(string channelId, string txId) => Read(StoreKeys.Build(EntryKind, channelId, txId))?.Data;

    /// <summary>The ledger height the stored endorsement simulated at, null when none is stored.</summary>
    public ulong? EndorsedAt(string channelId, string txId) => Read(StoreKeys.Build(EntryKind, channelId, txId))?.EndorsedAt;

    /// <summary>Drops the entries of committed transactions, valid or invalid (Fabric's PurgeByTxids).</summary>
    public void PurgeByTxIds(string channelId, IEnumerable<string> txIds)
    {
        ArgumentNullException.ThrowIfNull(txIds);
        lock (_writes)
        {
            using var batch = new WriteBatch();
            int count = 0;
            foreach (string txId in txIds)
            {
                byte[] key = StoreKeys.Build(EntryKind, channelId, txId);
                if (Read(key) is { } existing)
                {
                    batch.Delete(key);
                    batch.Delete(StoreKeys.Build(HeightKind, channelId, existing.EndorsedAt, txId));
                    count++;
                }
            }

            if (count > 0)
            {
                _store.Write(batch);
            }
        }
    }

    /// <summary>Drops every entry endorsed below <paramref name="height"/> (Fabric's PurgeBelowHeight).</summary>
    public int PurgeBelowHeight(string channelId, ulong height)
    {
        byte[] prefix = StoreKeys.Build(HeightKind, channelId);
        lock (_writes)
        {
            using var batch = new WriteBatch();
            int count = 0;
            using (Iterator iterator = _store.Db.NewIterator())
            {
                for (iterator.Seek(prefix); iterator.Valid(); iterator.Next())
                {
                    byte[] key = iterator.Key();
                    if (!StoreKeys.StartsWith(key, prefix))
                    {
                        break;
                    }

                    int offset = prefix.Length;
                    ulong endorsedAt = StoreKeys.ReadNumber(key, ref offset);
                    if (endorsedAt >= height)
                    {
                        break;
                    }

                    string txId = StoreKeys.ReadText(key, ref offset);
                    batch.Delete(key);
                    batch.Delete(StoreKeys.Build(EntryKind, channelId, txId));
                    count++;
                }
            }

            if (count > 0)
            {
                _store.Write(batch);
            }

            return count;
        }
    }

    /// <summary>Entries stored for the channel.</summary>
    public int Count(string channelId)
    {
        byte[] prefix = StoreKeys.Build(EntryKind, channelId);
        int count = 0;
        using Iterator iterator = _store.Db.NewIterator();
        for (iterator.Seek(prefix); iterator.Valid() && StoreKeys.StartsWith(iterator.Key(), prefix); iterator.Next())
        {
            count++;
        }

        return count;
    }

    public void Dispose() => _store.Dispose();

    private (TxPvtReadWriteSet Data, ulong EndorsedAt)? Read(byte[] key)
    {
        byte[]? value = _store.Db.Get(key);
        if (value is null || value.Length < 8)
        {
            return null;
        }

        return (TxPvtReadWriteSet.Parser.ParseFrom(value.AsSpan(8)), BinaryPrimitives.ReadUInt64BigEndian(value));
    }
}
