using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Gateway;

internal static partial class GatewayLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "transaction {TxId} endorsed by {Layout}")]
    public static partial void Endorsed(ILogger logger, string txId, string layout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "endorse call to endorser {Address} ({MspId}) failed: {Reason}")]
    public static partial void EndorserFailed(ILogger logger, string address, string mspId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "evaluate call to endorser {Address} ({MspId}) failed: {Reason}")]
    public static partial void EvaluateFailed(ILogger logger, string address, string mspId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "transaction {TxId} accepted by orderer {Address}")]
    public static partial void Submitted(ILogger logger, string txId, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "transaction {TxId} not accepted by orderer {Address}: {Reason}")]
    public static partial void OrdererFailed(ILogger logger, string txId, string address, string reason);
}
