using Microsoft.Extensions.Logging;

namespace Fabricish.Explorer.Hosting;

/// <summary>The explorer's log lines.</summary>
internal static partial class ExplorerLog
{
    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "Explorer reads as {MspId} through peer {Peer}; open http://{Address}/")]
    public static partial void Serving(ILogger logger, string mspId, string peer, string address);

    [LoggerMessage(EventId = 901, Level = LogLevel.Information, Message = "Following channel {Channel} from block {Start} (newest {Newest})")]
    public static partial void Following(ILogger logger, string channel, ulong start, ulong newest);

    [LoggerMessage(EventId = 902, Level = LogLevel.Warning, Message = "Following channel {Channel} failed, retrying: {Error}")]
    public static partial void FollowFailed(ILogger logger, string channel, string error);

    [LoggerMessage(EventId = 903, Level = LogLevel.Warning, Message = "Page {Path} could not read the ledger: {Error}")]
    public static partial void ReadFailed(ILogger logger, string path, string error);
}
