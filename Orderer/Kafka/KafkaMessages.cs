using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Google.Protobuf;

namespace Fabricish.Orderer.Kafka;

/// <summary>The three kinds of message a chain posts to its partition.</summary>
internal static class KafkaMessages
{
    public static KafkaMessage Connect() => new() { Connect = new KafkaMessageConnect() };

    public static KafkaMessage TimeToCut(ulong blockNumber) => new() { TimeToCut = new KafkaMessageTimeToCut { BlockNumber = blockNumber } };

    public static KafkaMessage Normal(ByteString envelope, ulong configSeq, long originalOffset = 0) =>
        Regular(envelope, configSeq, KafkaMessageRegular.Types.Class.Normal, originalOffset);

    public static KafkaMessage Config(ByteString envelope, ulong configSeq, long originalOffset = 0) =>
        Regular(envelope, configSeq, KafkaMessageRegular.Types.Class.Config, originalOffset);

    public static KafkaMessage Regular(Envelope envelope, ulong configSeq, KafkaMessageRegular.Types.Class messageClass) =>
        Regular(envelope.ToByteString(), configSeq, messageClass, 0);

    private static KafkaMessage Regular(ByteString envelope, ulong configSeq, KafkaMessageRegular.Types.Class messageClass, long originalOffset) => new()
    {
        Regular = new KafkaMessageRegular { Payload = envelope, ConfigSeq = configSeq, Class = messageClass, OriginalOffset = originalOffset },
    };
}
