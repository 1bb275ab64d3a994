using Fabricish.Channels.Msp;
using Fabricish.Ledger;
using Fabricish.Orderer.Blocks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabricish.Orderer.Kafka;

/// <summary>The Kafka consenter (Fabric's <c>kafka.consenterImpl</c>): holds the orderer's local Kafka settings
/// and makes one <see cref="KafkaChain"/> per channel whose consensus type is kafka.</summary>
public sealed class KafkaConsenter
{
    public const string ConsensusType = "kafka";

    private readonly KafkaConsenterOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly TimeProvider _time;

    /// <param name="time">The clock for batch timers and for re-validating messages; the system clock when null.</param>
    public KafkaConsenter(KafkaConsenterOptions options, ILoggerFactory? loggers = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// A chain for the channel held by <paramref name="store"/> (which must hold at least its genesis block),
    /// resuming after the partition offset its last block records; not started. Null with <paramref name="error"/>
    /// when the ledger cannot be resumed, the channel is not a Kafka channel, or no broker is configured.
    /// </summary>
    public KafkaChain? TryHandleChain(BlockStore store, SigningIdentity signer, out string? error)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(signer);
        BlockWriter? writer = BlockWriter.TryOpen(store, signer, out error, _time);
        if (writer is null)
        {
            return null;
        }

        string channelId = writer.Config.ChannelId;
        if (!string.Equals(writer.Config.Orderer.ConsensusType, ConsensusType, StringComparison.Ordinal))
        {
            error = $"channel {channelId} uses consensus type '{writer.Config.Orderer.ConsensusType}', not '{ConsensusType}'";
            return null;
        }

        KafkaResumePoint? resume = KafkaResumePoint.FromBlock(store.GetBlock(writer.Height - 1)!, out error);
        if (resume is null)
        {
            return null;
        }

        string bootstrap = _options.BootstrapServers ?? string.Join(',', writer.Config.Orderer.KafkaBrokers);
        if (string.IsNullOrWhiteSpace(bootstrap))
        {
            error = $"channel {channelId} names no Kafka brokers and none are configured locally";
            return null;
        }

        return new KafkaChain(writer, resume.Value, bootstrap, _options, _loggers.CreateLogger<KafkaChain>(), _time);
    }
}
