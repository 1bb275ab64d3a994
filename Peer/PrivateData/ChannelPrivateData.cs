using Fabricish.Committer.PrivateData;
using Fabricish.Ledger.PrivateData;
using Fabricish.Protos.Ledger.Rwset;

namespace Fabricish.Peer.PrivateData;

/// <summary>One channel's committer view of the peer's private data: eligibility and blockToLive from the collections'
/// definitions, data from the transient store or else pulled from member peers, and the channel's records in the
/// private data store.</summary>
internal sealed class ChannelPrivateData(PeerPrivateData privateData, string channelId) : IPrivateDataProvider
{
    public ChannelPvtData Store { get; } = new(privateData.PvtData, channelId);

    public bool IsEligible(string ns, string collection) =>
        privateData.ChannelConfig(channelId) is { } config
        && privateData.Collections(config, ns)?.Find(collection) is { } definition
        && definition.IsMember(privateData.LocalMspId);

    public ulong BlockToLive(string ns, string collection) =>
        privateData.ChannelConfig(channelId) is { } config && privateData.Collections(config, ns)?.Find(collection) is { } definition
            ? definition.BlockToLive
            : 0;

    public TxPvtReadWriteSet? GetLocal(string txId) => privateData.Transient.Get(channelId, txId);

    public Task<TxPvtReadWriteSet?> PullAsync(string txId, ulong blockNumber, IReadOnlyList<ExpectedCollection> needed, CancellationToken cancellationToken) =>
        privateData.PullAsync(channelId, txId, needed, privateData.Options.PullRetryThreshold, cancellationToken);

    /// <summary>Fabric's coordinator: the block's transactions leave the transient store; at every multiple of the
    /// retention, so do entries endorsed more than the retention below this block.</summary>
    public void Committed(ulong blockNumber, IReadOnlyList<string> txIds)
    {
        privateData.Transient.PurgeByTxIds(channelId, txIds);
        ulong retention = privateData.Options.TransientStoreMaxBlockRetention;
        if (blockNumber % retention == 0 && blockNumber > retention)
        {
            privateData.Transient.PurgeBelowHeight(channelId, blockNumber - retention);
        }
    }
}
