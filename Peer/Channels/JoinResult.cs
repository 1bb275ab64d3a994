namespace Fabricish.Peer.Channels;

/// <summary>What <see cref="PeerChannels.JoinAsync"/> did: the channel now served, or why not.</summary>
internal sealed record JoinResult(JoinStatus Status, string? Error, PeerChannel? Channel)
{
    public static JoinResult Refused(JoinStatus status, string error) => new(status, error, null);
}
