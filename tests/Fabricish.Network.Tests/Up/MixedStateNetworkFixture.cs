namespace Fabricish.Network.Tests.Up;

/// <summary>The sample network with Org1's peer on the embedded state database and Org2's on CouchDB:
/// <c>./fabricish up --state-db org1=embedded,org2=couchdb</c>.</summary>
public sealed class MixedStateNetworkFixture : IAsyncLifetime
{
    public UpNetworkFixture Network { get; } = new(["--state-db", "org1=embedded,org2=couchdb"]);

    public Task InitializeAsync() => Network.InitializeAsync();

    public Task DisposeAsync() => Network.DisposeAsync();
}
