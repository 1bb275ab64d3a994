namespace Fabricish.Network.Tests.Up;

/// <summary>The sample network with both peers on the embedded state database: <c>./fabricish up --state-db embedded</c>.</summary>
public sealed class EmbeddedStateNetworkFixture : IAsyncLifetime
{
    public UpNetworkFixture Network { get; } = new(["--state-db", "embedded"]);

    public Task InitializeAsync() => Network.InitializeAsync();

    public Task DisposeAsync() => Network.DisposeAsync();
}
