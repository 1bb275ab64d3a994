using System.Collections.Concurrent;

namespace Fabricish.Peer.Lifecycle;

/// <summary>Fabric's chaincode store: installed packages as files <c>&lt;label&gt;.&lt;sha256&gt;.tar.gz</c> in the peer's
/// <c>lifecycle/chaincodes</c> folder, read back on start; parsed packages are kept in memory.</summary>
internal sealed class InstalledChaincodes
{
    private const string Extension = ".tar.gz";

    private readonly string _directory;
    private readonly ConcurrentDictionary<string, InstalledChaincode> _installed = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _loaded;

    public InstalledChaincodes(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _directory = directory;
    }

    /// <summary>Raised after a package is saved, so definitions committed earlier can start using it.</summary>
    public event Action<InstalledChaincode>? Installed;

    /// <summary>Parses and saves the package; null with the reason when it is refused or already installed.</summary>
    public InstalledChaincode? Install(byte[] packageBytes, out string? error)
    {
        ArgumentNullException.ThrowIfNull(packageBytes);
        ChaincodePackage? package = ChaincodePackage.Parse(packageBytes, out error);
        if (package is null)
        {
            return null;
        }

        string packageId = ChaincodePackage.PackageId(package.Label, packageBytes);
        InstalledChaincode chaincode;
        lock (_gate)
        {
            EnsureLoaded();
            if (_installed.ContainsKey(packageId))
            {
                error = $"chaincode already successfully installed (package ID '{packageId}')";
                return null;
            }

            Directory.CreateDirectory(_directory);
            string path = PathOf(packageId);
            string temporary = path + ".partial";
            File.WriteAllBytes(temporary, packageBytes);
            File.Move(temporary, path, overwrite: true);
            chaincode = new InstalledChaincode(packageId, package.Label, package);
            _installed[packageId] = chaincode;
        }

        Installed?.Invoke(chaincode);
        return chaincode;
    }

    public InstalledChaincode? Get(string packageId)
    {
        EnsureLoaded();
        return _installed.GetValueOrDefault(packageId);
    }

    public IReadOnlyList<InstalledChaincode> List()
    {
        EnsureLoaded();
        return [.. _installed.Values.OrderBy(c => c.PackageId, StringComparer.Ordinal)];
    }

    /// <summary>The package file as installed, or null when <paramref name="packageId"/> is not installed.</summary>
    public byte[]? Load(string packageId) => Get(packageId) is null ? null : File.ReadAllBytes(PathOf(packageId));

    private string PathOf(string packageId)
    {
        int colon = packageId.LastIndexOf(':');
        return Path.Combine(_directory, $"{packageId[..colon]}.{packageId[(colon + 1)..]}{Extension}");
    }

    private void EnsureLoaded()
    {
        if (Volatile.Read(ref _loaded))
        {
            return;
        }

        lock (_gate)
        {
            if (_loaded)
            {
                return;
            }

            if (Directory.Exists(_directory))
            {
                foreach (string file in Directory.EnumerateFiles(_directory, "*" + Extension))
                {
                    byte[] bytes = File.ReadAllBytes(file);
                    if (ChaincodePackage.Parse(bytes, out _) is { } package)
                    {
                        string packageId = ChaincodePackage.PackageId(package.Label, bytes);
                        _installed[packageId] = new InstalledChaincode(packageId, package.Label, package);
                    }
                }
            }

            Volatile.Write(ref _loaded, true);
        }
    }
}
