using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Host;

/// <summary>The peer node's log lines; channel and block travel in logging scopes.</summary>
internal static partial class PeerLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Peer identity {MspId} '{Subject}' loaded from {MspDir}")]
    public static partial void IdentityLoaded(ILogger logger, string mspId, string subject, string mspDir);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Channel {Channel} opened at height {Height} ({Recovered} block(s) re-applied to the state database)")]
    public static partial void ChannelOpened(ILogger logger, string channel, ulong height, int recovered);

    [LoggerMessage(EventId = 202, Level = LogLevel.Error, Message = "Channel folder {Directory} could not be opened: {Error}")]
    public static partial void ChannelNotOpened(ILogger logger, string directory, string error);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Joined channel {Channel} by request of {Admin}")]
    public static partial void ChannelJoined(ILogger logger, string channel, string admin);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Join refused: {Error}")]
    public static partial void JoinRefused(ILogger logger, string error);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "Opening channel {Channel} waits for the state database: {Error}")]
    public static partial void OpenWaiting(ILogger logger, string channel, string error);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "CouchDB does not answer yet; channels open once it does: {Error}")]
    public static partial void CouchDbNotReachableAtStart(ILogger logger, string error);

    [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "Pulling blocks from orderer {Endpoint} starting at block {Start}")]
    public static partial void DeliverConnecting(ILogger logger, string endpoint, ulong start);

    [LoggerMessage(EventId = 211, Level = LogLevel.Warning, Message = "Deliver from orderer {Endpoint} failed: {Error}; next attempt in {Delay}")]
    public static partial void DeliverFailed(ILogger logger, string endpoint, string error, TimeSpan delay);

    [LoggerMessage(EventId = 212, Level = LogLevel.Error, Message = "Block {BlockNumber} from orderer {Endpoint} refused: {Reason}")]
    public static partial void BlockRefused(ILogger logger, ulong blockNumber, string endpoint, string reason);

    [LoggerMessage(EventId = 213, Level = LogLevel.Warning, Message = "Channel {Channel} has no orderer endpoint to pull blocks from")]
    public static partial void NoOrdererEndpoints(ILogger logger, string channel);

    [LoggerMessage(EventId = 220, Level = LogLevel.Error, Message = "Committing block {BlockNumber} failed, commits paused (attempt {Attempt}, next in {Delay}): {Error}")]
    public static partial void CommitPaused(ILogger logger, ulong blockNumber, int attempt, TimeSpan delay, string error);

    [LoggerMessage(EventId = 221, Level = LogLevel.Information, Message = "State database is back; commits resume at block {BlockNumber}")]
    public static partial void CommitResumed(ILogger logger, ulong blockNumber);

    [LoggerMessage(EventId = 230, Level = LogLevel.Warning, Message = "Admin request refused: {Error}")]
    public static partial void AdminRefused(ILogger logger, string error);
}
