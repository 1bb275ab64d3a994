using Fabricish.Protos.Peer;
using Microsoft.Extensions.Logging;

namespace Fabricish.Committer;

/// <summary>The committer's log events; channel, block and txid come from scopes opened by the callers.</summary>
internal static partial class CommitterLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "transaction {TxIndex} ({TxId}) is invalid: {Code}: {Reason}")]
    public static partial void InvalidTransaction(ILogger logger, int txIndex, string txId, TxValidationCode code, string? reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "committed block {BlockNumber} with {ValidCount} of {TxCount} transactions valid")]
    public static partial void BlockCommitted(ILogger logger, ulong blockNumber, int validCount, int txCount);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "block {BlockNumber} refused: {Reason}")]
    public static partial void BlockRefused(ILogger logger, ulong blockNumber, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "recovering state: re-applying blocks {First} to {Last} from the block store")]
    public static partial void Recovering(ILogger logger, ulong first, ulong last);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "recovering history: re-recording blocks {First} to {Last} from the block store")]
    public static partial void RecoveringHistory(ILogger logger, ulong first, ulong last);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "channel configuration updated to sequence {Sequence} by block {BlockNumber}")]
    public static partial void ConfigApplied(ILogger logger, ulong sequence, ulong blockNumber);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "writing the state of blocks {First} to {Last} failed; commits stop until recovery: {Reason}")]
    public static partial void StateWriteFailed(ILogger logger, ulong first, ulong last, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "state listener {Listener} failed on block {BlockNumber}")]
    public static partial void StateListenerFailed(ILogger logger, string listener, ulong blockNumber, Exception exception);
}
