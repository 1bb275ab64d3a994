using Microsoft.Extensions.Logging;

namespace Fabricish.Orderer.Host;

/// <summary>The orderer node's log lines; channel, block and txid travel in logging scopes.</summary>
internal static partial class OrdererLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Orderer identity {MspId} '{Subject}' loaded from {MspDir}")]
    public static partial void IdentityLoaded(ILogger logger, string mspId, string subject, string mspDir);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Channel {Channel} loaded at height {Height}")]
    public static partial void ChannelLoaded(ILogger logger, string channel, ulong height);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "Channel folder {Directory} could not be served: {Error}")]
    public static partial void ChannelNotLoaded(ILogger logger, string directory, string error);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Joined channel {Channel}")]
    public static partial void ChannelJoined(ILogger logger, string channel);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Join refused: {Error}")]
    public static partial void JoinRefused(ILogger logger, string error);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Removed channel {Channel}")]
    public static partial void ChannelRemoved(ILogger logger, string channel);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Admin listener {Address} serves the channel participation API in plaintext without client authentication (--insecure-admin): any process that reaches it can join or remove channels")]
    public static partial void AdminInsecure(ILogger logger, string address);

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Broadcast rejected with {Status}: {Info}")]
    public static partial void BroadcastRejected(ILogger logger, Protos.Common.Status status, string? info);

    [LoggerMessage(EventId = 111, Level = LogLevel.Debug, Message = "Broadcast enqueued")]
    public static partial void BroadcastEnqueued(ILogger logger);

    [LoggerMessage(EventId = 120, Level = LogLevel.Warning, Message = "Deliver refused with {Status}: {Reason}")]
    public static partial void DeliverRefused(ILogger logger, Protos.Common.Status status, string reason);

    [LoggerMessage(EventId = 121, Level = LogLevel.Debug, Message = "Delivered block")]
    public static partial void BlockDelivered(ILogger logger);

    [LoggerMessage(EventId = 130, Level = LogLevel.Error, Message = "{Method} stream failed")]
    public static partial void StreamFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 131, Level = LogLevel.Debug, Message = "{Method} stream ended by the client: {Reason}")]
    public static partial void StreamAbandoned(ILogger logger, string method, string reason);
}
