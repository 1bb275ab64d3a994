using Fabricish.Testing.Infra;
using Xunit;

namespace Fabricish.Testing.Fixtures;

/// <summary>xunit class or collection fixture: one in-memory pouchdb-server shared by the tests that use it.</summary>
public sealed class PouchDbFixture : IAsyncLifetime
{
    private PouchDbServer? _server;

    public PouchDbServer Server => _server ?? throw new InvalidOperationException("pouchdb-server is not started");

    public async Task InitializeAsync() => _server = await PouchDbServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
