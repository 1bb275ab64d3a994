namespace Fabricish.Orderer.Kafka;

/// <summary>Which generation of the Kafka wire protocol the brokers speak. Kafka 0.9 (Fabric's reference
/// deployment) cannot answer an ApiVersions request and has neither idempotent producers nor CreateTopics.</summary>
public enum KafkaProtocol
{
    /// <summary>Kafka 0.10 and later: versions are negotiated, the producer is idempotent, topics are created by the admin API.</summary>
    Modern,

    /// <summary>Kafka 0.9: fixed protocol versions, one request in flight, topics pre-created or auto-created by the brokers.</summary>
    Legacy09,
}
