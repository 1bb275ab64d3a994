using Fabricish.Orderer.Blocks;
using Fabricish.Orderer.Consensus;
using Fabricish.Orderer.Cutting;
using Fabricish.Orderer.MsgProcessor;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Fabricish.Orderer.Kafka;

/// <summary>
/// Turns the channel's partition into blocks (Fabric's <c>processMessagesToBlocks</c>). Everything that decides a
/// block boundary comes from the partition itself, so every orderer reading it cuts the same blocks: size-based cuts
/// by the block cutter, config messages in blocks of their own, and timeouts only through TIME_TO_CUT messages, of
/// which the one naming the next block number cuts and all others are ignored. Each block records in its
/// KafkaMetadata the offset of its last message, from which a restarted orderer resumes.
/// Not thread-safe: the chain's consuming thread owns it.
/// </summary>
internal sealed class KafkaStreamProcessor
{
    private readonly IConsenterSupport _support;
    private readonly IBlockCutter _cutter;
    private readonly Action<KafkaMessage> _post;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string _channelId;
    private long _lastOriginalOffsetProcessed;
    private long _lastResubmittedConfigOffset;
    private long? _timerArmedAt;

    /// <param name="support">The channel's ledger, block cutter and message processor.</param>
    /// <param name="post">Posts a message to the channel's partition without waiting (time-to-cut, re-submission).</param>
    public KafkaStreamProcessor(IConsenterSupport support, KafkaResumePoint resume, Action<KafkaMessage> post, ILogger logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(support);
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(logger);
        _support = support;
        _cutter = support.BlockCutter;
        _time = time ?? TimeProvider.System;
        _post = post;
        _logger = logger;
        _channelId = support.ChannelId;
        LastOffsetPersisted = resume.LastOffsetPersisted;
        _lastOriginalOffsetProcessed = resume.LastOriginalOffsetProcessed;
        _lastResubmittedConfigOffset = resume.LastResubmittedConfigOffset;
    }

    /// <summary>Offset of the last message in the last block written.</summary>
    public long LastOffsetPersisted { get; private set; }

    public ulong NextBlockNumber => _support.Height;

    public int PendingCount => _cutter.PendingCount;

    /// <summary>How long until the batch timer expires; null while nothing is pending.</summary>
    public TimeSpan? TimeUntilTimeToCut
    {
        get
        {
            if (_timerArmedAt is not { } armedAt)
            {
                return null;
            }

            TimeSpan left = _support.Config.Orderer.BatchTimeout - _time.GetElapsedTime(armedAt);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>Processes the message consumed at <paramref name="offset"/>. Malformed or stale messages are
    /// logged and skipped; a block the ledger refuses throws, as it means a bug or a broken ledger.</summary>
    public void Process(long offset, ReadOnlySpan<byte> value)
    {
        KafkaMessage message;
        try
        {
            message = KafkaMessage.Parser.ParseFrom(value);
        }
        catch (InvalidProtocolBufferException e)
        {
            KafkaChainLog.Discarded(_logger, _channelId, offset, $"not a KafkaMessage: {e.Message}");
            return;
        }

        switch (message.TypeCase)
        {
            case KafkaMessage.TypeOneofCase.Connect:
                break;
            case KafkaMessage.TypeOneofCase.TimeToCut:
                ProcessTimeToCut(offset, message.TimeToCut.BlockNumber);
                break;
            case KafkaMessage.TypeOneofCase.Regular:
                ProcessRegular(offset, message.Regular);
                break;
            default:
                KafkaChainLog.Discarded(_logger, _channelId, offset, "KafkaMessage of no known type");
                break;
        }
    }

    /// <summary>Posts TIME_TO_CUT for the next block once the batch timer has expired. The timer re-arms rather
    /// than stopping, so a lost post is repeated; the duplicates this causes are stale when consumed.</summary>
    public void OnTimer()
    {
        if (TimeUntilTimeToCut is not { } left || left > TimeSpan.Zero)
        {
            return;
        }

        KafkaChainLog.TimerExpired(_logger, _channelId, NextBlockNumber);
        _timerArmedAt = _time.GetTimestamp();
        _post(KafkaMessages.TimeToCut(NextBlockNumber));
    }

    private void ProcessTimeToCut(long offset, ulong blockNumber)
    {
        ulong next = NextBlockNumber;
        if (blockNumber < next)
        {
            return;
        }

        if (blockNumber > next)
        {
            KafkaChainLog.Discarded(_logger, _channelId, offset, $"time-to-cut for block {blockNumber} is ahead of the next block {next}");
            return;
        }

        _timerArmedAt = null;
        IReadOnlyList<Envelope> batch = _cutter.Cut();
        if (batch.Count == 0)
        {
            KafkaChainLog.Discarded(_logger, _channelId, offset, $"time-to-cut for block {blockNumber} with nothing pending");
            return;
        }

        Write(batch, offset, config: false);
    }

    private void ProcessRegular(long offset, KafkaMessageRegular regular)
    {
        Envelope envelope;
        try
        {
            envelope = Envelope.Parser.ParseFrom(regular.Payload);
        }
        catch (InvalidProtocolBufferException e)
        {
            KafkaChainLog.Discarded(_logger, _channelId, offset, $"payload is not an Envelope: {e.Message}");
            return;
        }

        long original = regular.OriginalOffset;
        if (original != 0 && original <= _lastOriginalOffsetProcessed)
        {
            // Every orderer re-submits a re-validated message; only the first copy in the partition is ordered.
            return;
        }

        ulong sequence = _support.Config.Sequence;
        switch (regular.Class)
        {
            case KafkaMessageRegular.Types.Class.Normal:
                if (regular.ConfigSeq < sequence)
                {
                    Resubmit(offset, regular, envelope);
                    return;
                }

                CommitNormal(envelope, offset, original != 0 ? original : _lastOriginalOffsetProcessed);
                break;

            case KafkaMessageRegular.Types.Class.Config:
                if (original != 0 && _lastResubmittedConfigOffset < original)
                {
                    _lastResubmittedConfigOffset = original;
                }

                if (regular.ConfigSeq < sequence)
                {
                    ResubmitConfig(offset, envelope);
                    return;
                }

                CommitConfig(envelope, offset, original != 0 ? original : _lastOriginalOffsetProcessed);
                break;

            default:
                // Only pre-v1.1 orderers post UNKNOWN; a V2_0 channel cannot have any.
                KafkaChainLog.Discarded(_logger, _channelId, offset, $"regular message of class {regular.Class}");
                break;
        }
    }

    /// <summary>The channel's config moved on since the message was validated: validate it again against the
    /// config in force here (which every orderer has at this offset) and post it anew, remembering this offset.</summary>
    private void Resubmit(long offset, KafkaMessageRegular regular, Envelope envelope)
    {
        ProcessResult result = _support.Processor.ProcessNormalMsg(envelope);
        if (!result.IsOk)
        {
            KafkaChainLog.Discarded(_logger, _channelId, offset, $"no longer valid under config sequence {_support.Config.Sequence}: {result.Status} {result.Info}");
            return;
        }

        KafkaChainLog.Resubmitting(_logger, _channelId, offset, result.ConfigSequence);
        _post(KafkaMessages.Normal(regular.Payload, result.ConfigSequence, offset));
    }

    /// <summary>A config update authorized against an older configuration: apply its update again to the current one
    /// and post the resulting CONFIG envelope anew (Fabric's <c>ProcessConfigMsg</c> + re-submission), or drop it when
    /// the update no longer holds. Every orderer does this; only the first re-submission in the partition counts.</summary>
    private void ResubmitConfig(long offset, Envelope envelope)
    {
        ProcessResult result = _support.Processor.ProcessConfigMsg(envelope);
        if (!result.IsOk || result.Config is null)
        {
            KafkaChainLog.Discarded(_logger, _channelId, offset, $"config update no longer valid under config sequence {_support.Config.Sequence}: {result.Status} {result.Info}");
            return;
        }

        KafkaChainLog.Resubmitting(_logger, _channelId, offset, result.ConfigSequence);
        _lastResubmittedConfigOffset = offset;
        _post(KafkaMessages.Config(result.Config.ToByteString(), result.ConfigSequence, offset));
    }

    private void CommitNormal(Envelope envelope, long offset, long newOriginalOffset)
    {
        CutResult cut = _cutter.Ordered(envelope);
        if (!cut.Pending)
        {
            _timerArmedAt = null;
        }
        else if (_timerArmedAt is null)
        {
            _timerArmedAt = _time.GetTimestamp();
        }

        if (cut.Batches.Count == 0)
        {
            _lastOriginalOffsetProcessed = newOriginalOffset;
            return;
        }

        // When this message is not in the first batch, that batch ends before it: a restart from there must
        // read this message again, and must not yet count it as processed.
        bool messageInFirst = cut.Batches.Count == 1 && !cut.Pending;
        if (messageInFirst)
        {
            _lastOriginalOffsetProcessed = newOriginalOffset;
        }

        Write(cut.Batches[0], messageInFirst ? offset : offset - 1, config: false);
        if (!messageInFirst)
        {
            _lastOriginalOffsetProcessed = newOriginalOffset;
        }

        if (cut.Batches.Count == 2)
        {
            Write(cut.Batches[1], offset, config: false);
        }
    }

    private void CommitConfig(Envelope envelope, long offset, long newOriginalOffset)
    {
        IReadOnlyList<Envelope> pending = _cutter.Cut();
        if (pending.Count > 0)
        {
            Write(pending, offset - 1, config: false);
        }

        _lastOriginalOffsetProcessed = newOriginalOffset;
        Write([envelope], offset, config: true);
        // Writing the config block put its config in force for the cutter and the processor: from the next
        // message on, at the same offset on every orderer.
        _timerArmedAt = null;
    }

    private void Write(IReadOnlyList<Envelope> batch, long lastOffset, bool config)
    {
        Block block = _support.CreateNextBlock(batch);
        byte[] metadata = new KafkaResumePoint(lastOffset, _lastOriginalOffsetProcessed, _lastResubmittedConfigOffset).ToMetadataBytes();
        BlockWriteResult written = config ? _support.WriteConfigBlock(block, metadata) : _support.WriteBlock(block, metadata);
        if (!written.IsWritten)
        {
            throw new InvalidOperationException($"channel {_channelId}: block {block.Header.Number} was refused: {written.Error}");
        }

        LastOffsetPersisted = lastOffset;
        KafkaChainLog.BlockWritten(_logger, _channelId, block.Header.Number, lastOffset, batch.Count);
    }
}
