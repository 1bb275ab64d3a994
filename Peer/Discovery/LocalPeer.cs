using Fabricish.Channels.Msp;
using Fabricish.Peer.Channels;
using Fabricish.Protos.Gossip;
using Google.Protobuf;
using DiscoveredPeer = Fabricish.Protos.Discovery.Peer;

namespace Fabricish.Peer.Discovery;

/// <summary>This peer as discovery lists it: its identity and freshly signed alive and state-info envelopes. The
/// timestamps follow gossip's PeerTime: the incarnation is the process start, the sequence grows with each message,
/// so a receiver can tell a newer message from a replayed one.</summary>
internal sealed class LocalPeer
{
    private readonly SigningIdentity _signer;
    private readonly IPeerChannels _channels;
    private readonly LocalChaincodes _chaincodes;
    private readonly ulong _incarnation;
    private long _sequence;

    public LocalPeer(SigningIdentity signer, string endpoint, IPeerChannels channels, LocalChaincodes chaincodes, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(time);
        _signer = signer;
        _channels = channels;
        _chaincodes = chaincodes;
        Endpoint = endpoint;
        Identity = ByteString.CopyFrom(signer.Serialize());
        PkiId = PeerMessages.PkiId(Identity);
        _incarnation = (ulong)time.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000UL;
    }

    public string MspId => _signer.MspId;

    public string Endpoint { get; }

    public ByteString Identity { get; }

    public ByteString PkiId { get; }

    /// <summary>Identity and alive envelope only (a local peers query).</summary>
    public DiscoveredPeer Alive() => new()
    {
        Identity = Identity,
        MembershipInfo = PeerMessages.Sign(PeerMessages.Alive(Endpoint, PkiId, Identity, Next()), p => _signer.Sign(p)),
    };

    /// <summary>Identity, alive and state-info envelopes for a joined channel; null when the channel is not joined.</summary>
    public async ValueTask<DiscoveredPeer?> OnChannelAsync(string channelId, CancellationToken cancellationToken)
    {
        if (!_channels.TryGet(channelId, out IPeerLedger? ledger))
        {
            return null;
        }

        IReadOnlyList<Chaincode> chaincodes = await _chaincodes.OnChannelAsync(channelId, cancellationToken).ConfigureAwait(false);
        DiscoveredPeer peer = Alive();
        peer.StateInfo = PeerMessages.Sign(PeerMessages.StateInfo(channelId, PkiId, Next(), ledger.CommittedHeight, chaincodes), p => _signer.Sign(p));
        return peer;
    }

    private PeerTime Next() => new() { IncNum = _incarnation, SeqNum = (ulong)Interlocked.Increment(ref _sequence) };
}
