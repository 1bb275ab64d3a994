using Fabricish.Testing.Infra;
using Xunit;

namespace Fabricish.Testing.Fixtures;

/// <summary>xunit class or collection fixture: one in-memory pouchdb-server shared by the tests that use it.</summary>
public sealed class PouchDbFixture : IAsyncLifetime
{
    private PouchDbServer? server;

    public PouchDbServer Server => server ?? throw new InvalidOperationException("pouchdb-server is not started");

    public async Task InitializeAsync() => server = await PouchDbServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
