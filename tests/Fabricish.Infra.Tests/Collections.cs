using Fabricish.Testing.Fixtures;
using Fabricish.Testing.Infra;

namespace Fabricish.Infra.Tests;

[CollectionDefinition(InfraCollections.Kafka)]
public sealed class KafkaCollection : ICollectionFixture<KafkaClusterFixture>;
