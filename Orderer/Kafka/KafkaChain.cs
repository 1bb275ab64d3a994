using Confluent.Kafka;
using Fabricish.Orderer.Consensus;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Fabricish.Orderer.Kafka;

/// <summary>
/// One channel ordered through Kafka (Fabric's Kafka <c>chainImpl</c>): Order and Configure post to partition 0 of the
/// topic named after the channel and answer once Kafka acknowledged (acks=all); a consuming thread reads the partition
/// from the offset after the last block's and writes blocks through <see cref="KafkaStreamProcessor"/>. Reaching
/// Kafka (topic, CONNECT) is retried with exponential backoff until it answers, at start and whenever a post fails;
/// meanwhile Order and Configure answer SERVICE_UNAVAILABLE. The consumer rides out broker failures by itself.
/// </summary>
public sealed class KafkaChain : IChain, IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly IConsenterSupport _support;
    private readonly KafkaResumePoint _resume;
    private readonly string _bootstrapServers;
    private readonly KafkaConsenterOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TopicPartition _partition;
    private readonly IProducer<Null, byte[]> _producer;
    private readonly int _maxMessageBytes;
    private readonly ResiliencePipeline _retry;
    private readonly CancellationTokenSource _halt = new();
    private readonly Lock _gate = new();
    private ChainStatus _status = new(ChainHealth.Created, "the chain is not started");
    private Task? _connecting;
    private Task? _consuming;
    private bool _topicSettled;

    internal KafkaChain(IConsenterSupport support, KafkaResumePoint resume, string bootstrapServers, KafkaConsenterOptions options, ILogger logger, TimeProvider time)
    {
        _support = support;
        _resume = resume;
        _bootstrapServers = bootstrapServers;
        _options = options;
        _logger = logger;
        _time = time;
        ChannelId = support.ChannelId;
        _partition = new TopicPartition(ChannelId, new Partition(0));
        // As of the chain's start: a later config update raising AbsoluteMaxBytes applies once the chain restarts; until
        // then Kafka's refusal of a larger message is answered REQUEST_ENTITY_TOO_LARGE (SubmitAsync).
        _maxMessageBytes = KafkaMessageLimit.For(support.Config);
        _producer = new ProducerBuilder<Null, byte[]>(KafkaClientSettings.Producer(bootstrapServers, options, ChannelId, _maxMessageBytes))
            .SetLogHandler(LogClient)
            .SetErrorHandler((_, e) =>
            {
                if (e.Code == ErrorCode.Local_AllBrokersDown || e.IsFatal)
                {
                    MarkUnavailable(e.Reason);
                }
            })
            .Build();
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<KafkaException>(),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.RetryMaxDelay,
                OnRetry = args =>
                {
                    KafkaChainLog.Retrying(_logger, ChannelId, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message ?? "unknown");
                    return default;
                },
            })
            .Build();
    }

    public string ChannelId { get; }

    public ChainStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>Blocks in the channel's ledger, as far as this chain has written them.</summary>
    public ulong Height => _support.Height;

    /// <summary>The channel configuration in force after the last block written.</summary>
    public Fabricish.Channels.Config.ChannelConfig Config => _support.Config;

    public void Start()
    {
        lock (_gate)
        {
            if (_status.Health != ChainHealth.Created)
            {
                throw new InvalidOperationException($"chain {ChannelId} was already started");
            }

            _status = new ChainStatus(ChainHealth.Starting, "connecting to Kafka");
            _connecting = Task.Run(() => ConnectAsync(starting: true));
        }
    }

    public async Task HaltAsync()
    {
        Task? connecting;
        Task? consuming;
        lock (_gate)
        {
            if (_status.Health == ChainHealth.Stopped)
            {
                return;
            }

            _status = new ChainStatus(ChainHealth.Stopped, "the chain is halted");
            connecting = _connecting;
            consuming = _consuming;
        }

        await _halt.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(connecting ?? Task.CompletedTask, consuming ?? Task.CompletedTask).ConfigureAwait(false);

        // Time-to-cut and re-submission posts still queued are not worth waiting for: the other orderers post them too.
        _producer.Flush(TimeSpan.FromSeconds(1));
        _producer.Dispose();
        _halt.Dispose();
    }

    public ValueTask DisposeAsync() => new(HaltAsync());

    public Task<OrderResult> OrderAsync(Envelope envelope, ulong configSeq, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return SubmitAsync(KafkaMessages.Regular(envelope, configSeq, KafkaMessageRegular.Types.Class.Normal), cancellationToken);
    }

    public Task<OrderResult> ConfigureAsync(Envelope config, ulong configSeq, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        return SubmitAsync(KafkaMessages.Regular(config, configSeq, KafkaMessageRegular.Types.Class.Config), cancellationToken);
    }

    private async Task<OrderResult> SubmitAsync(KafkaMessage message, CancellationToken cancellationToken)
    {
        ChainStatus status = Status;
        if (!status.IsAvailable)
        {
            return OrderResult.Unavailable($"channel {ChannelId} cannot order now: {status.Reason}");
        }

        try
        {
            await PostAsync(message, cancellationToken).ConfigureAwait(false);
            return OrderResult.Success;
        }
        catch (KafkaException e) when (e.Error.Code == ErrorCode.MsgSizeTooLarge)
        {
            // The broadcast checks let the envelope through, so the Kafka limits disagree with the channel's: say which.
            string reason = $"Kafka refused the {message.CalculateSize()}-byte message as too large ({e.Error.Reason}); channel {ChannelId} allows " +
                $"{Config.Orderer.BatchSize.AbsoluteMaxBytes}-byte envelopes, so the brokers' message.max.bytes and replica.fetch.max.bytes must be " +
                $"at least {_maxMessageBytes}";
            KafkaChainLog.MessageTooLarge(_logger, ChannelId, reason);
            return OrderResult.TooLarge(reason);
        }
        catch (KafkaException e)
        {
            MarkUnavailable(e.Error.Reason);
            return OrderResult.Unavailable($"Kafka did not acknowledge the message: {e.Error.Reason}");
        }
        catch (OperationCanceledException)
        {
            return OrderResult.Unavailable("cancelled before Kafka acknowledged the message; it may still be ordered");
        }
        catch (ObjectDisposedException)
        {
            return OrderResult.Unavailable($"channel {ChannelId} is halted");
        }
    }

    private async Task PostAsync(KafkaMessage message, CancellationToken cancellationToken)
    {
        DeliveryResult<Null, byte[]> delivered = await _producer
            .ProduceAsync(_partition, new Message<Null, byte[]> { Value = message.ToByteArray() }, cancellationToken)
            .ConfigureAwait(false);
        if (delivered.Status != PersistenceStatus.Persisted)
        {
            throw new KafkaException(new Error(ErrorCode.Local_Fail, $"message not persisted ({delivered.Status})"));
        }
    }

    /// <summary>Posts without waiting, for the consuming thread (time-to-cut, re-submission).</summary>
    private void Post(KafkaMessage message)
    {
        string kind = message.TypeCase.ToString();
        try
        {
            _producer.Produce(_partition, new Message<Null, byte[]> { Value = message.ToByteArray() }, report =>
            {
                if (report.Error.IsError)
                {
                    KafkaChainLog.PostFailed(_logger, ChannelId, kind, report.Error.Reason);
                    MarkUnavailable(report.Error.Reason);
                }
            });
        }
        catch (KafkaException e)
        {
            KafkaChainLog.PostFailed(_logger, ChannelId, kind, e.Error.Reason);
        }
    }

    /// <summary>Posts CONNECT until Kafka takes it (Fabric's sendConnectMessage with its retry options): at start,
    /// after provisioning the topic, and again after a failed post, to learn when Kafka is back.</summary>
    private async Task ConnectAsync(bool starting)
    {
        CancellationToken halt = _halt.Token;
        try
        {
            await _retry.ExecuteAsync(
                async ct =>
                {
                    if (starting && !_topicSettled)
                    {
                        string outcome = await new KafkaTopicProvisioner(_bootstrapServers, _options, ChannelId, _maxMessageBytes).EnsureTopicAsync().ConfigureAwait(false);
                        _topicSettled = true;
                        KafkaChainLog.Topic(_logger, ChannelId, outcome);
                    }

                    await PostAsync(KafkaMessages.Connect(), ct).ConfigureAwait(false);
                },
                halt).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (halt.IsCancellationRequested)
        {
            return;
        }

        lock (_gate)
        {
            _connecting = null;
            if (_status.Health is not (ChainHealth.Starting or ChainHealth.Unavailable))
            {
                return;
            }

            _status = new ChainStatus(ChainHealth.Available, null);
            if (starting)
            {
                _consuming = Task.Factory.StartNew(Consume, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
        }

        KafkaChainLog.Connected(_logger, ChannelId);
    }

    private void MarkUnavailable(string reason)
    {
        lock (_gate)
        {
            if (_status.Health is not (ChainHealth.Available or ChainHealth.Unavailable))
            {
                return;
            }

            if (_status.Health == ChainHealth.Available)
            {
                KafkaChainLog.Unavailable(_logger, ChannelId, reason);
            }

            _status = new ChainStatus(ChainHealth.Unavailable, $"Kafka is unreachable: {reason}");
            _connecting ??= Task.Run(() => ConnectAsync(starting: false));
        }
    }

    private void Consume()
    {
        CancellationToken halt = _halt.Token;
        var processor = new KafkaStreamProcessor(_support, _resume, Post, _logger, _time);
        Offset start = _resume.LastOffsetPersisted < 0 ? Offset.Beginning : new Offset(_resume.StartOffset);
        KafkaChainLog.Starting(_logger, ChannelId, _resume.StartOffset, processor.NextBlockNumber);
        using IConsumer<Ignore, byte[]> consumer = new ConsumerBuilder<Ignore, byte[]>(KafkaClientSettings.Consumer(_bootstrapServers, _options, ChannelId, _maxMessageBytes))
            .SetLogHandler(LogClient)
            .SetErrorHandler((_, e) => KafkaChainLog.ConsumerError(_logger, ChannelId, e.Reason))
            .Build();
        consumer.Assign(new TopicPartitionOffset(_partition, start));
        try
        {
            while (!halt.IsCancellationRequested)
            {
                TimeSpan wait = processor.TimeUntilTimeToCut is { } left && left < PollInterval ? left : PollInterval;
                ConsumeResult<Ignore, byte[]>? consumed = Next(consumer, wait);
                if (consumed is { IsPartitionEOF: false, Message: not null })
                {
                    processor.Process(consumed.Offset.Value, consumed.Message.Value);
                }

                processor.OnTimer();
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ConsumeException or IOException)
        {
            KafkaChainLog.Halted(_logger, ChannelId, e.Message);
            lock (_gate)
            {
                if (_status.Health != ChainHealth.Stopped)
                {
                    _status = new ChainStatus(ChainHealth.Errored, e.Message);
                }
            }
        }
        finally
        {
            consumer.Close();
        }
    }

    /// <summary>The next message, or null; partition errors other than a lost resume offset are transient.</summary>
    private ConsumeResult<Ignore, byte[]>? Next(IConsumer<Ignore, byte[]> consumer, TimeSpan wait)
    {
        try
        {
            return consumer.Consume(wait);
        }
        catch (ConsumeException e) when (!e.Error.IsFatal && e.Error.Code != ErrorCode.Local_AutoOffsetReset)
        {
            KafkaChainLog.ConsumerError(_logger, ChannelId, e.Error.Reason);
            return null;
        }
    }

    /// <summary>librdkafka's own lines at debug level, minus the warnings every 0.9-compatible client gets
    /// because api.version.request and broker.version.fallback are deprecated.</summary>
    private void LogClient(IClient client, LogMessage message)
    {
        if (message.Facility == "CONFWARN" && message.Message.Contains("is deprecated", StringComparison.Ordinal))
        {
            return;
        }

        KafkaChainLog.ClientLine(_logger, ChannelId, message.Facility, message.Message);
    }
}
