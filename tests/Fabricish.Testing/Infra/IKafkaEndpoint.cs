using Confluent.Kafka;

namespace Fabricish.Testing.Infra;

/// <summary>A Kafka the tests can talk to, with client settings that work against it, so one test body can run
/// against both the real 0.9 cluster and librdkafka's modern-protocol mock cluster.</summary>
public interface IKafkaEndpoint
{
    string BootstrapServers { get; }

    /// <summary>acks=all, ordered, retrying producer settings this broker accepts.</summary>
    ProducerConfig ProducerConfig();

    /// <summary>Consumer settings for reading by explicit partition and offset (Assign, no group rebalancing).</summary>
    ConsumerConfig ConsumerConfig(string groupId);

    AdminClientConfig AdminClientConfig();
}
