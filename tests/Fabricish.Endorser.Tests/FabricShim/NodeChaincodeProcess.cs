using System.Net.Sockets;
using Fabricish.Testing;
using Fabricish.Testing.Infra;

namespace Fabricish.Endorser.Tests.FabricShim;

/// <summary>The fabric-contract-api asset-transfer chaincode (tests/Fabricish.Endorser.Tests/node/asset-transfer) run
/// by Fabric's own fabric-shim 2.5.8 in server mode, as a child process on a free loopback port:
/// <c>fabric-chaincode-node server --chaincode-address host:port --chaincode-id id</c>.</summary>
internal sealed class NodeChaincodeProcess : IDisposable
{
    private readonly SupervisedProcess _process;
    private readonly string _folder;

    private NodeChaincodeProcess(SupervisedProcess process, string folder, string packageId, string address)
    {
        _process = process;
        _folder = folder;
        PackageId = packageId;
        Address = address;
    }

    public string PackageId { get; }

    public string Address { get; }

    public bool HasExited => _process.HasExited;

    public string Log => File.Exists(_process.LogPath) ? File.ReadAllText(_process.LogPath) : string.Empty;

    public static async Task<NodeChaincodeProcess> StartAsync(string packageId)
    {
        string cli = Path.Combine(RepoPaths.NodeModules, "fabric-shim", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"fabric-shim is missing at {cli}: run ./fabricish deps");
        }

        string module = Path.Combine(RepoPaths.Root, "tests", "Fabricish.Endorser.Tests", "node", "asset-transfer");
        string _folder = Path.Combine(Path.GetTempPath(), "fx-node-cc-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_folder);
        int port = FreePorts.Take();
        string address = $"127.0.0.1:{port}";
        SupervisedProcess process = SupervisedProcess.Start(
            "fabric-shim chaincode",
            Path.Combine(_folder, "chaincode.log"),
            "node",
            [cli, "server", "--chaincode-address", address, "--chaincode-id", packageId, "--module-path", module],
            workingDirectory: module,
            environment: new Dictionary<string, string> { ["NODE_PATH"] = RepoPaths.NodeModules });
        var chaincode = new NodeChaincodeProcess(process, _folder, packageId, address);
        try
        {
            await chaincode.WaitListeningAsync(port, TimeSpan.FromSeconds(30));
        }
        catch
        {
            chaincode.Dispose();
            throw;
        }

        return chaincode;
    }

    public void Dispose()
    {
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The log may still be held open for a moment; it is scratch.
        }
    }

    private async Task WaitListeningAsync(int port, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the fabric-shim chaincode exited while starting:\n{_process.LogTail()}");
            }

            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
