using System.Diagnostics.CodeAnalysis;

namespace Fabricish.Peer.Channels;

/// <summary>The channels this peer has joined; services look a channel up per request.</summary>
public interface IPeerChannels
{
    IReadOnlyCollection<string> ChannelIds { get; }

    bool TryGet(string channelId, [NotNullWhen(true)] out IPeerLedger? ledger);
}
