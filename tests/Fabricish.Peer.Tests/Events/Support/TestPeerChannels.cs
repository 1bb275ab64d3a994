using System.Diagnostics.CodeAnalysis;
using Fabricish.Peer.Channels;

namespace Fabricish.Peer.Tests.Events.Support;

/// <summary>The peer's joined channels: exactly the ledgers the test gives.</summary>
internal sealed class TestPeerChannels(params IPeerLedger[] ledgers) : IPeerChannels
{
    public IReadOnlyCollection<string> ChannelIds => [.. ledgers.Select(l => l.ChannelId)];

    public bool TryGet(string channelId, [NotNullWhen(true)] out IPeerLedger? ledger)
    {
        ledger = ledgers.FirstOrDefault(l => l.ChannelId == channelId);
        return ledger is not null;
    }
}
