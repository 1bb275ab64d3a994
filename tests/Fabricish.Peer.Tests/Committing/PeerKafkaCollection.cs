using Fabricish.Testing.Fixtures;
using Fabricish.Testing.Infra;

namespace Fabricish.Peer.Tests.Committing;

/// <summary>The Kafka 0.9 cluster the committing-peer tests order through (one per test run).</summary>
[CollectionDefinition(Name)]
public sealed class PeerKafkaCollection : ICollectionFixture<KafkaClusterFixture>
{
    public const string Name = "peer-committing-kafka";
}
