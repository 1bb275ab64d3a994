using Xunit;

namespace Fabricish.Testing.Fixtures;

/// <summary>A fixture that starts processes (a network's nodes, their databases, chaincode servers): a start that fails
/// halfway stops what it had started before the failure is reported, and the stop runs once, however often xunit
/// asks for it (it may dispose a fixture whose start failed again).</summary>
public abstract class ProcessNetworkFixture : IAsyncLifetime
{
    private bool _stopped;

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await StopAsync();
    }

    /// <summary>Starts the network; what it started must be visible to <see cref="StopAsync"/> as it goes.</summary>
    protected abstract Task StartAsync();

    /// <summary>Stops whatever <see cref="StartAsync"/> got to start, which may be nothing.</summary>
    protected abstract Task StopAsync();
}
