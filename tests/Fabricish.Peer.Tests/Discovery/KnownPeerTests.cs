using Fabricish.Peer.Discovery;
using Google.Protobuf;
using DiscoveredPeer = Fabricish.Protos.Discovery.Peer;

namespace Fabricish.Peer.Tests.Discovery;

/// <summary>Which answer of a probed peer discovery keeps: the latest in gossip's (incarnation, sequence) order.</summary>
public sealed class KnownPeerTests
{
    private static readonly DateTimeOffset Before = DateTimeOffset.UnixEpoch.AddHours(1);
    private static readonly DateTimeOffset After = Before.AddSeconds(1);

    [Fact]
    public void A_restarted_peer_replaces_its_pre_restart_answer_although_its_sequence_starts_again()
    {
        KnownPeer beforeRestart = Answer("peer0.org2", incarnation: 100, sequence: 500, Before);
        KnownPeer afterRestart = Answer("peer0.org2", incarnation: 200, sequence: 1, After);

        Assert.Same(afterRestart, KnownPeer.Latest(beforeRestart, afterRestart));
    }

    [Fact]
    public void An_older_answer_of_the_same_incarnation_does_not_replace_a_newer_one()
    {
        KnownPeer newer = Answer("peer0.org2", incarnation: 100, sequence: 7, Before);
        KnownPeer older = Answer("peer0.org2", incarnation: 100, sequence: 6, After);

        Assert.Same(newer, KnownPeer.Latest(newer, older));
        Assert.Same(newer, KnownPeer.Latest(older, newer));
    }

    [Fact]
    public void Another_identity_at_the_address_replaces_the_previous_one_whatever_its_clock()
    {
        KnownPeer previous = Answer("peer0.org2", incarnation: 900, sequence: 9, Before);
        KnownPeer replacement = Answer("peer1.org2", incarnation: 1, sequence: 1, After);

        Assert.Same(replacement, KnownPeer.Latest(previous, replacement));
    }

    private static KnownPeer Answer(string identity, ulong incarnation, ulong sequence, DateTimeOffset seen) =>
        new("mychannel", "Org2MSP", "127.0.0.1:9051", new DiscoveredPeer { Identity = ByteString.CopyFromUtf8(identity) }, incarnation, sequence, seen);
}
