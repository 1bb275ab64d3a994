using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;

namespace Fabricish.Peer.DeliverClient;

/// <summary>The deliver request a Fabric peer sends an orderer (blocksprovider's seekInfo): from the next block the
/// ledger needs, with no end, waiting for blocks not yet cut; signed by the peer so the orderer can check it against
/// <c>/Channel/Readers</c>.</summary>
internal static class SeekRequest
{
    public static Envelope Build(SigningIdentity signer, string channelId, ulong start, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var seek = new SeekInfo
        {
            Start = new SeekPosition { Specified = new SeekSpecified { Number = start } },
            Stop = new SeekPosition { Specified = new SeekSpecified { Number = ulong.MaxValue } },
            Behavior = SeekInfo.Types.SeekBehavior.BlockUntilReady,
        };
        return SignedEnvelope.Create(HeaderType.DeliverSeekInfo, channelId, signer, seek, now);
    }
}
