using Fabricish.E2E.Tests.Network;

namespace Fabricish.E2E.Tests;

/// <summary>The private data tests share a three-org network of their own.</summary>
[CollectionDefinition(Name)]
public sealed class PrivateDataNetworkCollection : ICollectionFixture<PrivateDataNetworkFixture>
{
    public const string Name = "e2e-pvtdata-network";
}
