using System.Diagnostics;
using System.Text;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Orderer;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Grpc.Net.Client;

namespace Fabricish.Orderer.Tests.Host;

/// <summary>The orderer as a real child process (<c>dotnet fabricish-orderer.dll</c>, copied next to the tests),
/// on fixed ports and data so it can be killed with SIGKILL and started again where it was.</summary>
internal sealed class OrdererProcess : IAsyncDisposable
{
    private readonly string[] _args;
    private readonly OrdererAdminTls _adminTls;
    private readonly StringBuilder _output = new();
    private Process? _process;
    private GrpcChannel? _grpc;

    public OrdererProcess(string directory, SigningIdentity identity, string kafkaBootstrapServers)
    {
        int[] ports = FreePorts.Take(2);
        AdminPort = ports[1];
        string mspDir = TestMspFolder.Write(Path.Combine(directory, "msp"), identity);
        _adminTls = OrdererAdminTls.Write(Path.Combine(directory, "admin-tls"));
        _args =
        [
            Path.Combine(AppContext.BaseDirectory, "fabricish-orderer.dll"),
            "--listen", $"127.0.0.1:{ports[0]}",
            "--admin-listen", $"127.0.0.1:{ports[1]}",
            "--data-dir", Path.Combine(directory, "data"),
            "--msp-dir", mspDir,
            "--msp-id", identity.MspId,
            "--kafka-brokers", kafkaBootstrapServers,
            "--kafka-protocol", "Legacy09",
            .. _adminTls.Arguments,
        ];
        GrpcAddress = $"http://127.0.0.1:{ports[0]}";
        Admin = _adminTls.CreateAdminClient(ports[1], TimeSpan.FromSeconds(30));
    }

    public int AdminPort { get; }

    public string GrpcAddress { get; }

    public HttpClient Admin { get; }

    public AtomicBroadcast.AtomicBroadcastClient Client { get; private set; } = null!;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public void Start()
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in _args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _grpc = GrpcChannel.ForAddress(GrpcAddress);
        Client = new AtomicBroadcast.AtomicBroadcastClient(_grpc);
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
    public void Kill()
    {
        _grpc?.Dispose();
        _grpc = null;
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Admin.Dispose();
        _adminTls.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
