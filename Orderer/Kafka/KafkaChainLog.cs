using Microsoft.Extensions.Logging;

namespace Fabricish.Orderer.Kafka;

/// <summary>The Kafka consenter's log lines, generated so that disabled levels cost nothing on the ordering path.</summary>
internal static partial class KafkaChainLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "[channel: {Channel}] starting from offset {Offset}, next block {Block}")]
    public static partial void Starting(ILogger logger, string channel, long offset, ulong block);

    [LoggerMessage(Level = LogLevel.Information, Message = "[channel: {Channel}] CONNECT posted; the chain is available")]
    public static partial void Connected(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "[channel: {Channel}] Kafka is unavailable: {Reason}")]
    public static partial void Unavailable(ILogger logger, string channel, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "[channel: {Channel}] attempt {Attempt} to reach Kafka failed, retrying in {Delay}: {Reason}")]
    public static partial void Retrying(ILogger logger, string channel, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "[channel: {Channel}] {Reason}")]
    public static partial void MessageTooLarge(ILogger logger, string channel, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "[channel: {Channel}] topic: {Outcome}")]
    public static partial void Topic(ILogger logger, string channel, string outcome);

    [LoggerMessage(Level = LogLevel.Debug, Message = "[channel: {Channel}] wrote block {Block} (last offset {Offset}, {Count} envelopes)")]
    public static partial void BlockWritten(ILogger logger, string channel, ulong block, long offset, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "[channel: {Channel}] batch timer expired, posting time-to-cut for block {Block}")]
    public static partial void TimerExpired(ILogger logger, string channel, ulong block);

    [LoggerMessage(Level = LogLevel.Warning, Message = "[channel: {Channel}] discarding message at offset {Offset}: {Reason}")]
    public static partial void Discarded(ILogger logger, string channel, long offset, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "[channel: {Channel}] re-submitting message at offset {Offset} re-validated against config sequence {Sequence}")]
    public static partial void Resubmitting(ILogger logger, string channel, long offset, ulong sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "[channel: {Channel}] posting a {Kind} message failed: {Reason}")]
    public static partial void PostFailed(ILogger logger, string channel, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "[channel: {Channel}] consumer: {Reason}")]
    public static partial void ConsumerError(ILogger logger, string channel, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "[channel: {Channel}] the chain stopped: {Reason}")]
    public static partial void Halted(ILogger logger, string channel, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "[channel: {Channel}] librdkafka {Facility}: {Line}")]
    public static partial void ClientLine(ILogger logger, string channel, string facility, string line);
}
