namespace Fabricish.Channels.Config.Profile;

/// <summary>A peer that other organizations' peers contact first for gossip.</summary>
public sealed record AnchorPeerSpec(string Host, int Port);
