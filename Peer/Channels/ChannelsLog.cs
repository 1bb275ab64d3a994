using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Channels;

/// <summary>Log events of the peer's channel wiring that are not about a single commit.</summary>
internal static partial class ChannelsLog
{
    [LoggerMessage(EventId = 290, Level = LogLevel.Warning, Message = "TEST-ONLY fault injection armed: the peer kills itself after the state write of block {BlockNumber}, before its savepoint")]
    public static partial void FaultInjectionArmed(ILogger logger, ulong blockNumber);

    [LoggerMessage(EventId = 291, Level = LogLevel.Critical, Message = "TEST-ONLY fault injection: killing the peer after the state write of blocks {First} to {Last}, before the savepoint")]
    public static partial void FaultInjectionKilling(ILogger logger, ulong first, ulong last);
}
