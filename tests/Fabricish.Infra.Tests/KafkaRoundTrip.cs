using Confluent.Kafka;
using Fabricish.Testing.Infra;

namespace Fabricish.Infra.Tests;

/// <summary>Produce then read back by partition and offset, the way the orderer uses a channel's topic.</summary>
internal static class KafkaRoundTrip
{
    public static IProducer<Null, string> Producer(IKafkaEndpoint kafka) =>
        new ProducerBuilder<Null, string>(kafka.ProducerConfig()).SetLogHandler(KafkaClientConfigs.LogToConsole).Build();

    public static async Task<List<long>> ProduceAsync(IKafkaEndpoint kafka, string topic, IEnumerable<string> values)
    {
        using IProducer<Null, string> producer = Producer(kafka);
        var offsets = new List<long>();
        var partition = new TopicPartition(topic, new Partition(0));
        foreach (string v in values)
        {
            DeliveryResult<Null, string> r = await producer.ProduceAsync(partition, new Message<Null, string> { Value = v });
            Assert.Equal(PersistenceStatus.Persisted, r.Status);
            offsets.Add(r.Offset.Value);
        }

        return offsets;
    }

    /// <summary>Reads up to <paramref name="count"/> messages of partition 0 from <paramref name="fromOffset"/>.</summary>
    public static List<string> Consume(IKafkaEndpoint kafka, string topic, long fromOffset, int count)
    {
        using IConsumer<Ignore, string> consumer = new ConsumerBuilder<Ignore, string>(kafka.ConsumerConfig("infra-tests"))
            .SetLogHandler(KafkaClientConfigs.LogToConsole)
            .Build();
        consumer.Assign(new TopicPartitionOffset(topic, new Partition(0), new Offset(fromOffset)));
        var values = new List<string>();
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (values.Count < count && DateTime.UtcNow < deadline)
        {
            ConsumeResult<Ignore, string>? r = consumer.Consume(TimeSpan.FromSeconds(1));
            if (r is { IsPartitionEOF: false, Message: not null })
            {
                values.Add(r.Message.Value);
            }
        }

        consumer.Close();
        return values;
    }

    /// <summary>The whole of partition 0, up to its high watermark (the last committed offset + 1).</summary>
    public static List<string> ConsumeAll(IKafkaEndpoint kafka, string topic)
    {
        using IConsumer<Ignore, string> consumer = new ConsumerBuilder<Ignore, string>(kafka.ConsumerConfig("infra-tests"))
            .SetLogHandler(KafkaClientConfigs.LogToConsole)
            .Build();
        WatermarkOffsets marks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, new Partition(0)), TimeSpan.FromSeconds(10));
        consumer.Close();
        return Consume(kafka, topic, 0, (int)marks.High.Value);
    }

    public static string[] Values(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D4}-" + new string('x', 100))];
}
