using Fabricish.Committer.PrivateData;
using Fabricish.Protos.Ledger.Rwset;

namespace Fabricish.Peer.PrivateData;

/// <summary>One channel's committer view of the peer's private data: eligibility from the collections' member
/// organizations, data from the transient store or else pulled from member peers.</summary>
internal sealed class ChannelPrivateData(PeerPrivateData privateData, string channelId) : IPrivateDataProvider
{
    public bool IsEligible(string ns, string collection) =>
        privateData.ChannelConfig(channelId) is { } config
        && privateData.Collections(config, ns)?.Find(collection) is { } definition
        && definition.IsMember(privateData.LocalMspId);

    public async Task<TxPvtReadWriteSet?> GetAsync(string txId, ulong blockNumber, IReadOnlyList<(string Namespace, string Collection)> needed, CancellationToken cancellationToken)
    {
        TxPvtReadWriteSet? local = privateData.Transient.Get(channelId, txId);
        if (local is not null && needed.All(n => Has(local, n.Namespace, n.Collection)))
        {
            return local;
        }

        TxPvtReadWriteSet? pulled = await privateData.PullAsync(channelId, txId, needed, cancellationToken).ConfigureAwait(false);
        if (pulled is null)
        {
            return local;
        }

        privateData.Transient.Persist(channelId, txId, pulled, blockNumber);
        return privateData.Transient.Get(channelId, txId);
    }

    public void Committed(ulong blockNumber, IReadOnlyList<string> txIds) => privateData.Transient.Committed(channelId, blockNumber, txIds);

    private static bool Has(TxPvtReadWriteSet set, string ns, string collection) =>
        set.NsPvtRwset.Any(n => n.Namespace == ns && n.CollectionPvtRwset.Any(c => c.CollectionName == collection));
}
