using Fabricish.Peer.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Lifecycle;

/// <summary>Creates the CouchDB indexes a chaincode package ships in that chaincode's state database when its
/// definition commits, or, if this peer installs the approved package only later, when it is installed (Fabric's
/// HandleChaincodeDeploy). A failing index is logged and skipped, as in Fabric; creating one again is harmless.</summary>
internal sealed class ChaincodeIndexDeployer : IHostedService
{
    private readonly LifecycleDefinitions _definitions;
    private readonly InstalledChaincodes _installed;
    private readonly IPeerChannels _channels;
    private readonly ILogger<ChaincodeIndexDeployer> _logger;

    public ChaincodeIndexDeployer(LifecycleDefinitions definitions, InstalledChaincodes installed, IPeerChannels channels, ILogger<ChaincodeIndexDeployer> logger)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(installed);
        _definitions = definitions;
        _installed = installed;
        _channels = channels;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _definitions.Committed += OnCommitted;
        _installed.Installed += OnInstalled;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _definitions.Committed -= OnCommitted;
        _installed.Installed -= OnInstalled;
        return Task.CompletedTask;
    }

    private void OnCommitted(string channelId, LifecycleDefinition definition) => _ = DeployCommittedAsync(channelId, definition);

    /// <summary>A commit can be notified while the channel's definitions (this org's approvals among them) still
    /// load, so the approved package is awaited rather than read.</summary>
    private async Task DeployCommittedAsync(string channelId, LifecycleDefinition definition)
    {
        string? packageId;
        try
        {
            packageId = await _definitions.LocalPackageAsync(channelId, definition).ConfigureAwait(false);
        }
        catch (Ledger.State.StateDatabaseUnavailableException e)
        {
            LifecycleLog.IndexFailed(_logger, channelId, definition.Name, "(all)", e.Message);
            return;
        }

        if (packageId is not null && _installed.Get(packageId) is { } package)
        {
            await DeployAsync(channelId, definition.Name, package).ConfigureAwait(false);
        }
    }

    private void OnInstalled(InstalledChaincode package)
    {
        foreach (string channelId in _definitions.LoadedChannels)
        {
            foreach (LifecycleDefinition definition in _definitions.All(channelId))
            {
                if (_definitions.LocalPackage(channelId, definition) == package.PackageId)
                {
                    _ = DeployAsync(channelId, definition.Name, package);
                }
            }
        }
    }

    private async Task DeployAsync(string channelId, string chaincode, InstalledChaincode package)
    {
        if (package.Package.Indexes.Count == 0 || !_channels.TryGet(channelId, out IPeerLedger? ledger))
        {
            return;
        }

        await Task.Yield();
        foreach (ChaincodeIndex index in package.Package.Indexes)
        {
            try
            {
                await ledger.State.CreateIndexAsync(chaincode, index.Json).ConfigureAwait(false);
                LifecycleLog.IndexCreated(_logger, channelId, chaincode, index.Path);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or Ledger.State.StateDatabaseUnavailableException or HttpRequestException)
            {
                LifecycleLog.IndexFailed(_logger, channelId, chaincode, index.Path, e.Message);
            }
        }
    }
}
