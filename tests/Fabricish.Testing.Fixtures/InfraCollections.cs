namespace Fabricish.Testing.Fixtures;

/// <summary>Collection names for the infrastructure fixtures. xunit only finds [CollectionDefinition] classes in
/// the test assembly itself, so each test project declares its own, using these names.</summary>
public static class InfraCollections
{
    public const string Kafka = "kafka-0.9-cluster";

    public const string MockKafka = "kafka-mock-cluster";

    public const string PouchDb = "pouchdb-server";
}
