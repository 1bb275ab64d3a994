using System.Collections.Concurrent;
using Fabricish.Endorser;
using Fabricish.Peer.Channels;

namespace Fabricish.Peer.Endorsing;

/// <summary>The peer's joined channels as the endorser sees them. A channel's view is rebuilt only when the committer
/// has swapped in a new configuration, so a proposal sees the MSPs and policies of the last config block without an
/// allocation per call.</summary>
internal sealed class PeerEndorserChannels(IPeerChannels channels) : IEndorserChannels
{
    private readonly ConcurrentDictionary<string, EndorserChannel> _views = new(StringComparer.Ordinal);

    public EndorserChannel? GetChannel(string channelId)
    {
        if (!channels.TryGet(channelId, out IPeerLedger? ledger))
        {
            return null;
        }

        if (_views.TryGetValue(channelId, out EndorserChannel? view) && ReferenceEquals(view.Config, ledger.Config) && ReferenceEquals(view.State, ledger.State)
            && ReferenceEquals(view.CommitLock, ledger.CommitLock) && ReferenceEquals(view.Transactions, ledger.Blocks) && ReferenceEquals(view.History, ledger.History))
        {
            return view;
        }

        view = new EndorserChannel(ledger.Config, ledger.State, ledger.Blocks, ledger.History, ledger.CommitLock);
        _views[channelId] = view;
        return view;
    }
}
