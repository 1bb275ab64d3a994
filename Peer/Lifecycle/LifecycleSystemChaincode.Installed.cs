using Fabricish.Protos.Peer;
using Fabricish.Protos.Peer.Lifecycle;
using Google.Protobuf;

namespace Fabricish.Peer.Lifecycle;

/// <summary>The channel-less functions: packages installed on this peer.</summary>
internal sealed partial class LifecycleSystemChaincode
{
    private Response Install(InstallChaincodeArgs args)
    {
        InstalledChaincode? chaincode = _installed.Install(args.ChaincodeInstallPackage.ToByteArray(), out string? error);
        if (chaincode is null)
        {
            return Failed(InstallChaincode, error!);
        }

        LifecycleLog.PackageInstalled(_logger, chaincode.PackageId);
        return Success(new InstallChaincodeResult { PackageId = chaincode.PackageId, Label = chaincode.Label });
    }

    private Response QueryInstalled(QueryInstalledChaincodeArgs args)
    {
        if (_installed.Get(args.PackageId) is not { } chaincode)
        {
            return Failed(QueryInstalledChaincode, $"could not find chaincode with package id '{args.PackageId}'");
        }

        var result = new QueryInstalledChaincodeResult { PackageId = chaincode.PackageId, Label = chaincode.Label };
        foreach ((string channel, List<(string Name, string Version)> uses) in References(chaincode.PackageId))
        {
            var references = new QueryInstalledChaincodeResult.Types.References();
            references.Chaincodes.AddRange(uses.Select(u => new QueryInstalledChaincodeResult.Types.Chaincode { Name = u.Name, Version = u.Version }));
            result.References[channel] = references;
        }

        return Success(result);
    }

    private Response QueryAllInstalled()
    {
        var result = new QueryInstalledChaincodesResult();
        foreach (InstalledChaincode chaincode in _installed.List())
        {
            var entry = new QueryInstalledChaincodesResult.Types.InstalledChaincode { PackageId = chaincode.PackageId, Label = chaincode.Label };
            foreach ((string channel, List<(string Name, string Version)> uses) in References(chaincode.PackageId))
            {
                var references = new QueryInstalledChaincodesResult.Types.References();
                references.Chaincodes.AddRange(uses.Select(u => new QueryInstalledChaincodesResult.Types.Chaincode { Name = u.Name, Version = u.Version }));
                entry.References[channel] = references;
            }

            result.InstalledChaincodes.Add(entry);
        }

        return Success(result);
    }

    private Response GetPackage(GetInstalledChaincodePackageArgs args) =>
        _installed.Load(args.PackageId) is { } bytes
            ? Success(new GetInstalledChaincodePackageResult { ChaincodeInstallPackage = ByteString.CopyFrom(bytes) })
            : Failed(GetInstalledChaincodePackage, $"could not load cc install package: chaincode install package '{args.PackageId}' not found");

    /// <summary>Per channel, the committed definitions this org runs with the package (Fabric's References).</summary>
    private Dictionary<string, List<(string Name, string Version)>> References(string packageId)
    {
        var references = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        foreach (string channel in _definitions.LoadedChannels)
        {
            List<(string, string)> uses = [.. _definitions.All(channel)
                .Where(d => _definitions.LocalPackage(channel, d) == packageId)
                .Select(d => (d.Name, d.Version))];
            if (uses.Count > 0)
            {
                references[channel] = uses;
            }
        }

        return references;
    }
}
