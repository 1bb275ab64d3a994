using Fabricish.Network.Tests.Up;

namespace Fabricish.Network.Tests;

/// <summary>Every test of the network <c>./fabricish up</c> starts shares one run of it: starting costs most of the time.</summary>
[CollectionDefinition(Name)]
public sealed class UpNetworkCollection : ICollectionFixture<UpNetworkFixture>
{
    public const string Name = "fabricish-up";
}
