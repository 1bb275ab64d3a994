using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Events;

/// <summary>The Deliver service's and commit-status waiter's log lines; channel and txid travel in logging scopes.</summary>
internal static partial class EventsLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Deliver refused with {Status}: {Reason}")]
    public static partial void DeliverRefused(ILogger logger, Protos.Common.Status status, string reason);

    [LoggerMessage(EventId = 401, Level = LogLevel.Debug, Message = "Deliver for channel {Channel} not served: channel not found")]
    public static partial void ChannelNotFound(ILogger logger, string channel);

    [LoggerMessage(EventId = 402, Level = LogLevel.Debug, Message = "Delivered block {Block} as {Content}")]
    public static partial void BlockDelivered(ILogger logger, ulong block, DeliverContent content);

    [LoggerMessage(EventId = 403, Level = LogLevel.Debug, Message = "Deliver request completed")]
    public static partial void DeliverCompleted(ILogger logger);

    [LoggerMessage(EventId = 404, Level = LogLevel.Error, Message = "{Method} stream failed")]
    public static partial void StreamFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 410, Level = LogLevel.Error, Message = "Following channel {Channel} for commit statuses failed")]
    public static partial void CommitWatchFailed(ILogger logger, string channel, Exception exception);
}
