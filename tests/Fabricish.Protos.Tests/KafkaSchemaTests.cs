using Fabricish.Protos.Orderer;
using Google.Protobuf.Reflection;

namespace Fabricish.Protos.Tests;

/// <summary>Pins orderer/kafka.proto to Fabric v2.5's, which the official v0.3 bindings no longer carry
/// (so <see cref="SchemaConformanceTests"/> cannot compare it).</summary>
public class KafkaSchemaTests
{
    [Fact]
    public void Kafka_message_is_a_oneof_of_regular_time_to_cut_and_connect()
    {
        Assert.Equal(
            ["1 Regular message orderer.KafkaMessageRegular", "2 TimeToCut message orderer.KafkaMessageTimeToCut", "3 Connect message orderer.KafkaMessageConnect"],
            Fields(KafkaMessage.Descriptor));
        Assert.Equal("Type", Assert.Single(KafkaMessage.Descriptor.Oneofs).Name);
    }

    [Fact]
    public void Kafka_regular_message_carries_payload_config_seq_class_and_original_offset()
    {
        Assert.Equal(
            ["1 Payload bytes", "2 ConfigSeq uint64", "3 Class enum orderer.KafkaMessageRegular.Class", "4 OriginalOffset int64"],
            Fields(KafkaMessageRegular.Descriptor));
        Assert.Equal(
            ["UNKNOWN=0", "NORMAL=1", "CONFIG=2"],
            KafkaMessageRegular.Descriptor.EnumTypes.Single().Values.Select(v => $"{v.Name}={v.Number}"));
    }

    [Fact]
    public void Kafka_time_to_cut_connect_and_metadata_keep_their_fields()
    {
        Assert.Equal(["1 BlockNumber uint64"], Fields(KafkaMessageTimeToCut.Descriptor));
        Assert.Equal(["1 Payload bytes"], Fields(KafkaMessageConnect.Descriptor));
        Assert.Equal(
            ["1 LastOffsetPersisted int64", "2 LastOriginalOffsetProcessed int64", "3 LastResubmittedConfigOffset int64"],
            Fields(KafkaMetadata.Descriptor));
    }

    private static IEnumerable<string> Fields(MessageDescriptor message) =>
        message.Fields.InFieldNumberOrder().Select(SchemaDescriptions.Describe);
}
