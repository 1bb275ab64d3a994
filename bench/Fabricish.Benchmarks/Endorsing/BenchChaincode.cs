using System.Globalization;
using System.Net.Sockets;
using Fabricish.Chaincode.Shim;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Samples.AssetTransfer;
using Fabricish.Testing;
using Fabricish.Testing.Infra;

namespace Fabricish.Benchmarks.Endorsing;

/// <summary>The asset-transfer sample the endorser drives: its own program as a child process (as chaincode runs
/// beside a real peer), or its ChaincodeServer inside this process, reached over loopback gRPC either way.</summary>
internal sealed class BenchChaincode : IAsyncDisposable
{
    private readonly SupervisedProcess? _process;
    private readonly ChaincodeServer? _server;

    private BenchChaincode(string packageId, string address, SupervisedProcess? process, ChaincodeServer? server, int? pid)
    {
        PackageId = packageId;
        Address = address;
        _process = process;
        _server = server;
        Pid = pid;
    }

    public string PackageId { get; }

    public string Address { get; }

    /// <summary>The chaincode program's process id when it runs apart, for its CPU time and memory.</summary>
    public int? Pid { get; }

    public static async Task<BenchChaincode> StartAsync(bool inProcess)
    {
        string packageId = "basic_1.0:" + Guid.NewGuid().ToString("N");
        int port = FreePorts.Take();
        string address = $"127.0.0.1:{port}";
        if (inProcess)
        {
            var server = new ChaincodeServer(packageId, address, new ContractChaincode([new AssetTransferContract()], "asset-transfer-basic", "1.0.0"));
            await server.StartAsync().ConfigureAwait(false);
            return new BenchChaincode(packageId, address, null, server, null);
        }

        string program = Path.Combine(AppContext.BaseDirectory, typeof(AssetTransferContract).Assembly.GetName().Name + ".dll");
        string folder = Path.Combine(RepoPaths.Root, ".run", "bench");
        Directory.CreateDirectory(folder);
        SupervisedProcess process = SupervisedProcess.Start(
            "asset-transfer chaincode", Path.Combine(folder, "endorsing-chaincode.log"), "dotnet", [program, "--address", address, "--id", packageId]);
        try
        {
            await WaitListeningAsync(port, process).ConfigureAwait(false);
        }
        catch
        {
            process.Dispose();
            throw;
        }

        return new BenchChaincode(packageId, address, process, null, ChildOf(process.Id));
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _server.StopAsync(stop.Token).ConfigureAwait(false);
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            _process.Dispose();
        }
    }

    private static async Task WaitListeningAsync(int port, SupervisedProcess process)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the chaincode exited while starting:\n{process.LogTail()}");
            }

            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync("127.0.0.1", port).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The program the supervisor script started: its only child.</summary>
    private static int? ChildOf(int supervisorPid)
    {
        string path = $"/proc/{supervisorPid}/task/{supervisorPid}/children";
        if (!File.Exists(path))
        {
            return null;
        }

        string[] children = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return children.Length > 0 ? int.Parse(children[0], CultureInfo.InvariantCulture) : null;
    }
}
