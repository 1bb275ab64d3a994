using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Lifecycle;

/// <summary>The lifecycle's log lines.</summary>
internal static partial class LifecycleLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Installed chaincode package {PackageId}")]
    public static partial void PackageInstalled(ILogger logger, string packageId);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "Channel {Channel}: chaincode {Chaincode} sequence {Sequence} (version {Version}) committed")]
    public static partial void DefinitionCommitted(ILogger logger, string channel, string chaincode, long sequence, string version);

    [LoggerMessage(EventId = 702, Level = LogLevel.Information, Message = "Channel {Channel}: loaded {Count} chaincode definition(s) from state")]
    public static partial void DefinitionsLoaded(ILogger logger, string channel, int count);

    [LoggerMessage(EventId = 703, Level = LogLevel.Warning, Message = "Channel {Channel}: stored definition of chaincode {Chaincode} is unusable: {Error}")]
    public static partial void DefinitionUnusable(ILogger logger, string channel, string chaincode, string error);

    [LoggerMessage(EventId = 704, Level = LogLevel.Information, Message = "Channel {Channel}: created CouchDB index {Index} for chaincode {Chaincode}")]
    public static partial void IndexCreated(ILogger logger, string channel, string chaincode, string index);

    [LoggerMessage(EventId = 705, Level = LogLevel.Warning, Message = "Channel {Channel}: CouchDB index {Index} of chaincode {Chaincode} not created: {Error}")]
    public static partial void IndexFailed(ILogger logger, string channel, string chaincode, string index, string error);

    [LoggerMessage(EventId = 706, Level = LogLevel.Information, Message = "Channel {Channel}: {Function} {Chaincode}: {Outcome}")]
    public static partial void Invoked(ILogger logger, string channel, string function, string chaincode, string outcome);
}
