using Fabricish.E2E.Tests.Network;

namespace Fabricish.E2E.Tests;

/// <summary>Every end-to-end test class shares one running network: starting it costs most of the run's time.</summary>
[CollectionDefinition(Name)]
public sealed class E2ENetworkCollection : ICollectionFixture<NetworkFixture>
{
    public const string Name = "e2e-network";
}
