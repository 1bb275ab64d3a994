namespace Fabricish.Endorser;

/// <summary>The channels this peer has joined, as the endorser sees them (Fabric's ChannelFetcher).</summary>
public interface IEndorserChannels
{
    /// <summary>The channel, or null when the peer has not joined it.</summary>
    EndorserChannel? GetChannel(string channelId);
}
