using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Discovery;

internal static partial class DiscoveryLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "discovery request from {Address} is malformed or invalid: {Reason}")]
    public static partial void Malformed(ILogger logger, string address, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "discovery query for channel '{ChannelId}' from {Address} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string channelId, string address, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "failed constructing the endorsement descriptor of {Interest} on channel {ChannelId}: {Reason}")]
    public static partial void NoDescriptor(ILogger logger, string interest, string channelId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "membership probe of peer {Address} on channel {ChannelId} failed: {Reason}")]
    public static partial void ProbeFailed(ILogger logger, string address, string channelId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "membership answer of peer {Address} on channel {ChannelId} not believed: {Reason}")]
    public static partial void ProbeRefused(ILogger logger, string address, string channelId, string reason);
}
