using Fabricish.Testing.Fixtures;
using Fabricish.Testing.Infra;

namespace Fabricish.Orderer.Tests.Kafka;

/// <summary>xunit finds collection definitions only in the test assembly: the consenter tests share one 0.9 cluster.</summary>
[CollectionDefinition(InfraCollections.Kafka)]
public sealed class KafkaClusterCollection : ICollectionFixture<KafkaClusterFixture>;
