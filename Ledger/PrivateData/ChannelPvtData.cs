namespace Fabricish.Ledger.PrivateData;

/// <summary>One channel's records in the peer's <see cref="PvtDataStore"/>.</summary>
public sealed class ChannelPvtData(PvtDataStore store, string channelId)
{
    public string ChannelId => channelId;

    public void Commit(ulong blockNumber, ulong txNumber, string txId, string ns, string collection, ReadOnlySpan<byte> rwset, ulong expiringBlock) =>
        store.Commit(channelId, blockNumber, txNumber, txId, ns, collection, rwset, expiringBlock);

    public byte[]? Get(string txId, string ns, string collection) => store.Get(channelId, txId, ns, collection);

    public void RecordMissing(MissingPrivateData missing, bool eligible, ulong expiringBlock) => store.RecordMissing(channelId, missing, eligible, expiringBlock);

    public IReadOnlyList<(string Namespace, string Collection)> IneligibleCollections() => store.IneligibleCollections(channelId);

    public int MakeEligible(string ns, string collection) => store.MakeEligible(channelId, ns, collection);

    public void RemoveMissing(MissingPrivateData missing) => store.RemoveMissing(channelId, missing);

    public IReadOnlyList<MissingPrivateData> Missing(int max) => store.Missing(channelId, max);

    public void ScheduleExpiry(IReadOnlyCollection<ExpiringKey> keys) => store.ScheduleExpiry(channelId, keys);

    public IReadOnlyList<ExpiringKey> ExpiringBy(ulong blockNumber, ulong from = 0) => store.ExpiringBy(channelId, blockNumber, from);

    public int PurgeExpired(ulong blockNumber) => store.PurgeExpired(channelId, blockNumber);
}
