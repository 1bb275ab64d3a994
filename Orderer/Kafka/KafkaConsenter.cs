using Fabricish.Channels.Msp;
using Fabricish.Ledger;
using Fabricish.Orderer.Consensus;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabricish.Orderer.Kafka;

/// <summary>The Kafka consenter (Fabric's <c>kafka.consenterImpl</c>): holds the orderer's local Kafka settings
/// and makes one <see cref="KafkaChain"/> per channel whose consensus type is kafka.</summary>
public sealed class KafkaConsenter : IConsenter
{
    public const string Type = "kafka";

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

    public string ConsensusType => Type;

    IChain? IConsenter.TryHandleChain(IConsenterSupport support, out string? error) => TryHandleChain(support, out error);

    /// <summary>
    /// A chain for the channel <paramref name="support"/> writes, resuming after the partition offset its last block
    /// records; not started. Null with <paramref name="error"/> when the last block's Kafka metadata cannot be read,
    /// the channel is not a Kafka channel, or no broker is configured.
    /// </summary>
    internal KafkaChain? TryHandleChain(IConsenterSupport support, out string? error)
    {
        ArgumentNullException.ThrowIfNull(support);
        string channelId = support.ChannelId;
        if (!string.Equals(support.Config.Orderer.ConsensusType, Type, StringComparison.Ordinal))
        {
            error = $"channel {channelId} uses consensus type '{support.Config.Orderer.ConsensusType}', not '{Type}'";
            return null;
        }

        KafkaResumePoint? resume = KafkaResumePoint.FromBlock(support.GetBlock(support.Height - 1)!, out error);
        if (resume is null)
        {
            return null;
        }

        string bootstrap = _options.BootstrapServers ?? string.Join(',', support.Config.Orderer.KafkaBrokers);
        if (string.IsNullOrWhiteSpace(bootstrap))
        {
            error = $"channel {channelId} names no Kafka brokers and none are configured locally";
            return null;
        }

        return new KafkaChain(support, resume.Value, bootstrap, _options, _loggers.CreateLogger<KafkaChain>(), _time);
    }

    /// <summary>A chain over <paramref name="store"/> (which must hold at least the channel's genesis block) with a
    /// support of its own, for running a chain outside the orderer host; not started.</summary>
    public KafkaChain? TryHandleChain(BlockStore store, SigningIdentity signer, out string? error)
    {
        ConsenterSupport? support = ConsenterSupport.TryOpen(store, signer, out error, _time);
        return support is null ? null : TryHandleChain(support, out error);
    }
}
