using Fabricish.E2E.Tests.Network;

namespace Fabricish.E2E.Tests;

/// <summary>The tests that change a channel's configuration share a network of their own.</summary>
[CollectionDefinition(Name)]
public sealed class AddOrgNetworkCollection : ICollectionFixture<AddOrgNetworkFixture>
{
    public const string Name = "e2e-addorg-network";
}
