namespace Fabricish.Peer.Events;

/// <summary>A request named a channel this peer has not joined.</summary>
internal sealed class ChannelNotJoinedException : Exception
{
    public ChannelNotJoinedException()
    {
    }

    public ChannelNotJoinedException(string channelId)
        : base($"channel {channelId} not found")
    {
        ChannelId = channelId;
    }

    public ChannelNotJoinedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? ChannelId { get; }
}
