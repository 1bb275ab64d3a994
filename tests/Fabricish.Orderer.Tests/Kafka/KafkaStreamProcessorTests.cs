using Fabricish.Channels.Config;
using Fabricish.Channels.Genesis;
using Fabricish.Channels.Msp;
using Fabricish.Ledger;
using Fabricish.Orderer.Consensus;
using Fabricish.Orderer.Kafka;
using Fabricish.Orderer.MsgProcessor;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabricish.Orderer.Tests.Kafka;

/// <summary>The deterministic half of the Kafka chain, fed a partition by hand: no brokers involved.</summary>
public sealed class KafkaStreamProcessorTests : IDisposable
{
    private const string Channel = "kafka-unit";
    private static readonly TimeSpan BatchTimeout = TimeSpan.FromSeconds(1);

    private readonly TestNetwork _network = new(adjust: p => p with
    {
        Orderer = p.Orderer! with { BatchTimeout = BatchTimeout, BatchSize = p.Orderer.BatchSize with { MaxMessageCount = 3 } },
    });

    private readonly ScratchDirectory _scratch = new("kafka-processor");
    private readonly ManualTimeProvider _time = new();
    private readonly List<KafkaMessage> _posted = [];
    private readonly Dictionary<string, byte[]> _sent = [];
    private readonly BlockStore _store;
    private readonly SigningIdentity _signer;

    public KafkaStreamProcessorTests()
    {
        _store = BlockStore.Open(_scratch.FullPath);
        ConfigResult<Block> genesis = GenesisBlockBuilder.Build(Channel, _network.ChannelGroup);
        Assert.True(genesis.IsOk, genesis.Error);
        Assert.True(_store.Append(genesis.Value!).Accepted);
        _signer = _network.Orderer;
    }

    [Fact]
    public void Time_to_cut_naming_the_next_block_cuts_what_is_pending_and_stale_or_future_ones_change_nothing()
    {
        KafkaStreamProcessor processor = NewProcessor(KafkaResumePoint.Beginning);
        processor.Process(0, KafkaMessages.Connect().ToByteArray());
        processor.Process(1, NormalMessage(out string first));
        processor.Process(2, NormalMessage(out string second));

        processor.Process(3, KafkaMessages.TimeToCut(0).ToByteArray());
        processor.Process(4, KafkaMessages.TimeToCut(2).ToByteArray());
        Assert.Equal(1UL, _store.Height);
        Assert.Equal(2, processor.PendingCount);

        processor.Process(5, KafkaMessages.TimeToCut(1).ToByteArray());
        Assert.Equal(2UL, _store.Height);
        Assert.Equal([first, second], KafkaTestChannel.TxIds(_store.GetBlock(1)!));
        Assert.Equal(5, KafkaTestChannel.KafkaMetadataOf(_store.GetBlock(1)!).LastOffsetPersisted);

        // A second time-to-cut for the same block, as every orderer posts one, is stale by then.
        processor.Process(6, KafkaMessages.TimeToCut(1).ToByteArray());
        Assert.Equal(2UL, _store.Height);
    }

    [Fact]
    public void Expired_batch_timer_posts_time_to_cut_for_the_next_block_instead_of_cutting_locally()
    {
        KafkaStreamProcessor processor = NewProcessor(KafkaResumePoint.Beginning);
        processor.OnTimer();
        Assert.Null(processor.TimeUntilTimeToCut);

        processor.Process(0, NormalMessage(out _));
        _time.Advance(BatchTimeout - TimeSpan.FromMilliseconds(1));
        processor.OnTimer();
        Assert.Empty(_posted);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        processor.OnTimer();

        KafkaMessage posted = Assert.Single(_posted);
        Assert.Equal(1UL, posted.TimeToCut.BlockNumber);
        Assert.Equal(1UL, _store.Height);
        Assert.Equal(1, processor.PendingCount);
    }

    [Fact]
    public void Full_batches_record_their_last_offset_and_a_processor_resumed_from_the_last_block_continues_identically()
    {
        KafkaStreamProcessor processor = NewProcessor(KafkaResumePoint.Beginning);
        var all = new List<string>();
        for (long offset = 0; offset < 4; offset++)
        {
            processor.Process(offset, NormalMessage(out string tx));
            all.Add(tx);
        }

        Assert.Equal(2UL, _store.Height);
        Assert.Equal(2, KafkaTestChannel.KafkaMetadataOf(_store.GetBlock(1)!).LastOffsetPersisted);

        // Offset 3 is pending, not persisted: a restarted orderer must read it again.
        KafkaResumePoint resume = KafkaResumePoint.FromBlock(_store.GetBlock(1)!, out string? error)!.Value;
        Assert.Null(error);
        Assert.Equal(3, resume.StartOffset);

        ConsenterSupport? support = ConsenterSupport.TryOpen(_store, _signer, out error, _time);
        Assert.NotNull(support);
        var resumed = new KafkaStreamProcessor(support, resume, _posted.Add, NullLogger.Instance, _time);
        resumed.Process(3, NormalMessage(all[3]));
        resumed.Process(4, NormalMessage(out string fifth));
        resumed.Process(5, NormalMessage(out string sixth));

        Assert.Equal(3UL, _store.Height);
        Assert.Equal([all[3], fifth, sixth], KafkaTestChannel.TxIds(_store.GetBlock(2)!));
        Assert.Equal(5, KafkaTestChannel.KafkaMetadataOf(_store.GetBlock(2)!).LastOffsetPersisted);
    }

    [Fact]
    public void Second_copy_of_a_resubmitted_message_is_discarded_by_its_original_offset()
    {
        KafkaStreamProcessor processor = NewProcessor(KafkaResumePoint.Beginning);
        Envelope envelope = TestEnvelopes.Signed(_network.Org1Client, Channel);
        byte[] copy = KafkaMessages.Normal(envelope.ToByteString(), 0, originalOffset: 5).ToByteArray();

        processor.Process(10, copy);
        processor.Process(11, copy);
        processor.Process(12, KafkaMessages.TimeToCut(1).ToByteArray());

        Block block = _store.GetBlock(1)!;
        Assert.Single(block.Data.Data);
        Assert.Equal(5, KafkaTestChannel.KafkaMetadataOf(block).LastOriginalOffsetProcessed);
    }

    [Fact]
    public void Malformed_messages_are_skipped_without_stopping_the_chain()
    {
        KafkaStreamProcessor processor = NewProcessor(KafkaResumePoint.Beginning);
        processor.Process(0, [0xFF, 0xFF, 0xFF]);
        processor.Process(1, KafkaMessages.Normal(ByteString.CopyFromUtf8("not an envelope"), 0).ToByteArray());
        processor.Process(2, NormalMessage(out string tx));
        processor.Process(3, KafkaMessages.TimeToCut(1).ToByteArray());

        Assert.Equal([tx], KafkaTestChannel.TxIds(_store.GetBlock(1)!));
    }

    [Fact]
    public void A_config_message_validated_against_an_older_sequence_is_reapplied_and_reposted_while_a_new_batch_size_cuts_from_the_next_message()
    {
        KafkaStreamProcessor processor = NewProcessor(KafkaResumePoint.Beginning);
        var channel = new StandardChannel(ChannelConfig.FromBlock(_store.GetBlock(0)!).Value!, _time, _signer);
        SigningIdentity ordererAdmin = _network.Own(_network.OrdererOrg.Identity("Admin@example.com", NodeRole.Admin));
        TestOrg org3 = _network.Own(new TestOrg("Org3MSP", "org3.example.com"));
        var batchSize = new BatchSize { MaxMessageCount = 2, AbsoluteMaxBytes = 1024 * 1024, PreferredMaxBytes = 512 * 1024 };
        Envelope smallerBatches = channel.ProcessConfigUpdateMsg(
            ConfigUpdates.Envelope(ConfigUpdates.SetBatchSize(Channel, _network.ChannelGroup, batchSize), Channel, ordererAdmin, ordererAdmin)).Config!;
        Envelope addOrg3 = channel.ProcessConfigUpdateMsg(ConfigUpdates.Envelope(
            ConfigUpdates.AddApplicationOrg(Channel, _network.ChannelGroup, "Org3MSP", _network.Channel.NewApplicationOrg(org3)),
            Channel,
            _network.Org1Admin,
            _network.Org1Admin,
            _network.Org2Admin)).Config!;

        processor.Process(0, KafkaMessages.Config(smallerBatches.ToByteString(), 0).ToByteArray());
        processor.Process(1, KafkaMessages.Config(addOrg3.ToByteString(), 0).ToByteArray());
        KafkaMessage reposted = Assert.Single(_posted);
        Envelope first = TestEnvelopes.Signed(_network.Org1Client, Channel);
        Envelope second = TestEnvelopes.Signed(_network.Org1Client, Channel);
        processor.Process(2, KafkaMessages.Normal(first.ToByteString(), 1).ToByteArray());
        processor.Process(3, KafkaMessages.Normal(second.ToByteString(), 1).ToByteArray());
        processor.Process(4, reposted.ToByteArray());

        Assert.Equal((KafkaMessageRegular.Types.Class.Config, 1UL, 1L), (reposted.Regular.Class, reposted.Regular.ConfigSeq, reposted.Regular.OriginalOffset));
        Assert.Equal(4UL, _store.Height);
        Assert.Single(_posted);
        Assert.Equal([KafkaTestChannel.TxId(first), KafkaTestChannel.TxId(second)], KafkaTestChannel.TxIds(_store.GetBlock(2)!));
        ChannelConfig last = ChannelConfig.FromBlock(_store.GetBlock(3)!).Value!;
        Assert.Equal(2UL, last.Sequence);
        Assert.Equal(2U, last.Orderer.BatchSize.MaxMessageCount);
        Assert.Contains(last.Application!.Organizations, o => o.MspId == "Org3MSP");
    }

    public void Dispose()
    {
        _store.Dispose();
        _network.Dispose();
        _scratch.Dispose();
    }

    private KafkaStreamProcessor NewProcessor(KafkaResumePoint resume)
    {
        ConsenterSupport? support = ConsenterSupport.TryOpen(_store, _signer, out string? error, _time);
        Assert.True(support is not null, error);
        return new KafkaStreamProcessor(support, resume, _posted.Add, NullLogger.Instance, _time);
    }

    private byte[] NormalMessage(out string txId)
    {
        Envelope envelope = TestEnvelopes.Signed(_network.Org1Client, Channel);
        txId = KafkaTestChannel.TxId(envelope);
        return _sent[txId] = KafkaMessages.Normal(envelope.ToByteString(), 0).ToByteArray();
    }

    private byte[] NormalMessage(string txId) => _sent.TryGetValue(txId, out byte[]? bytes) ? bytes : throw new InvalidOperationException(txId);
}
