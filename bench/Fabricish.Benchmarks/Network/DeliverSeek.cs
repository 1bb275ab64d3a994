using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;

namespace Fabricish.Benchmarks.Network;

/// <summary>The signed DELIVER_SEEK_INFO envelope that opens a Deliver stream: from the newest block (or a given one)
/// with no end, waiting for blocks not cut yet. Signed by the client user, a channel reader.</summary>
public static class DeliverSeek
{
    public static Envelope Build(SigningIdentity signer, string channelId, ulong? start)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var seek = new SeekInfo
        {
            Start = start is { } number
                ? new SeekPosition { Specified = new SeekSpecified { Number = number } }
                : new SeekPosition { Newest = new SeekNewest() },
            Stop = new SeekPosition { Specified = new SeekSpecified { Number = ulong.MaxValue } },
            Behavior = SeekInfo.Types.SeekBehavior.BlockUntilReady,
        };
        return SignedEnvelope.Create(HeaderType.DeliverSeekInfo, channelId, signer, seek, DateTimeOffset.UtcNow);
    }
}
