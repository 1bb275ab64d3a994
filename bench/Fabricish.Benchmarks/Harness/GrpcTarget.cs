using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Fabricish.Benchmarks.Network;
using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace Fabricish.Benchmarks.Harness;

/// <summary>
/// The real orderer host (fabricish-orderer) as a child process: its own MSP folder and data folder, joined to the
/// channel through the participation API, loaded through gRPC Broadcast and watched through gRPC Deliver. Memory and
/// CPU are the child's alone, read from /proc.
/// </summary>
public sealed class GrpcTarget : IOrdererTarget
{
    private readonly Process _process;
    private readonly GrpcChannel _grpc;
    private readonly SigningIdentity _reader;
    private readonly string _channelId;
    private readonly StreamWriter _log;

    private GrpcTarget(Process process, StreamWriter log, GrpcChannel grpc, SigningIdentity reader, string channelId, string dll)
    {
        _process = process;
        _log = log;
        _grpc = grpc;
        _reader = reader;
        _channelId = channelId;
        Description = $"gRPC AtomicBroadcast/Broadcast of the orderer host ({Path.GetFileName(dll)}) in a child process; blocks counted from gRPC Deliver; memory and CPU are the child's";
    }

    public string Description { get; }

    public int? ChildProcessId => _process.Id;

    /// <summary>DOTNET_gcServer when set (the child inherits it), else what the host's runtimeconfig.json asks for.</summary>
    public bool ServerGc { get; private init; }

    /// <summary>Where the orderer host's build output is: beside this program, or in the artifacts tree it was built into.</summary>
    public static string? FindOrdererDll()
    {
        string here = AppContext.BaseDirectory;
        string[] candidates =
        [
            Path.GetFullPath(Path.Combine(here, "..", "..", "Fabricish.Orderer", new DirectoryInfo(here).Name, "fabricish-orderer.dll")),
            Path.Combine(here, "fabricish-orderer.dll"),
        ];
        return candidates.FirstOrDefault(c => File.Exists(c) && File.Exists(Path.ChangeExtension(c, ".runtimeconfig.json")));
    }

    public static async Task<GrpcTarget> StartAsync(string dll, TestNetwork network, string bootstrap, string protocol, ScratchDirectory scratch)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(scratch);
        string msp = WriteMsp(network.Orderer, scratch.Sub("orderer-msp"));
        int[] ports = FreePorts.Take(2);
        // Only the join below uses the admin listener; its material is not needed afterwards.
        using OrdererAdminTls adminTls = OrdererAdminTls.Write(scratch.Sub("orderer-admin-tls"));
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in (string[])
        [
            dll, "--listen", $"127.0.0.1:{ports[0]}", "--admin-listen", $"127.0.0.1:{ports[1]}", "--data-dir", scratch.Sub("orderer-data"),
            "--msp-dir", msp, "--msp-id", network.Orderer.MspId, "--kafka-brokers", bootstrap, "--kafka-protocol", protocol, .. adminTls.Arguments,
        ])
        {
            psi.ArgumentList.Add(a);
        }

        // Per-request logging would be measured as orderer cost; warnings still reach the log file.
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        psi.Environment["Logging__LogLevel__Fabricish"] = "Warning";
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the orderer host");
        string log = Path.Combine(scratch.FullPath, "orderer.log");
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Append(writer, e.Data);
        process.ErrorDataReceived += (_, e) => Append(writer, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill(process);

        var grpc = GrpcChannel.ForAddress($"http://127.0.0.1:{ports[0]}");
        var target = new GrpcTarget(process, writer, grpc, network.Org1Client, network.Config.ChannelId, dll) { ServerGc = ChildServerGc(dll) };
        try
        {
            using HttpClient admin = adminTls.CreateAdminClient(ports[1], TimeSpan.FromSeconds(10));
            await JoinAsync(process, admin, network.Genesis, log).ConfigureAwait(false);
        }
        catch
        {
            await target.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return target;
    }

    public IBroadcastClient NewClient() => new GrpcBroadcastClient(new AtomicBroadcast.AtomicBroadcastClient(_grpc));

    public async IAsyncEnumerable<Block> BlocksAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var client = new AtomicBroadcast.AtomicBroadcastClient(_grpc);
        using AsyncDuplexStreamingCall<Envelope, DeliverResponse> call = client.Deliver(cancellationToken: cancellationToken);
        await call.RequestStream.WriteAsync(SeekFromBlockOne(), cancellationToken).ConfigureAwait(false);
        while (true)
        {
            bool more;
            try
            {
                more = await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled)
            {
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            DeliverResponse response = call.ResponseStream.Current;
            if (response.TypeCase != DeliverResponse.TypeOneofCase.Block)
            {
                throw new InvalidOperationException($"Deliver answered {response.Status} instead of a block");
            }

            yield return response.Block;
        }
    }

    public long PeakResidentBytes() => ProcessStats.PeakResidentBytes(_process.Id);

    public long ResidentBytes() => ProcessStats.ResidentBytes(_process.Id);

    public TimeSpan CpuTime() => ProcessStats.ProcessCpu(_process.Id);

    public async ValueTask DisposeAsync()
    {
        _grpc.Dispose();
        Kill(_process);
        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private static async Task JoinAsync(Process process, HttpClient http, Block genesis, string log)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited || watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"the orderer host did not come up (see {log})");
            }

            try
            {
                using HttpResponseMessage list = await http.GetAsync(new Uri("/participation/v1/channels", UriKind.Relative)).ConfigureAwait(false);
                if (list.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        using HttpResponseMessage joined = await ChannelParticipation.JoinAsync(http, genesis).ConfigureAwait(false);
        if (joined.StatusCode != HttpStatusCode.Created)
        {
            string body = await joined.Content.ReadAsStringAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"joining the channel answered {(int)joined.StatusCode}: {body}");
        }
    }

    private Envelope SeekFromBlockOne() => Network.DeliverSeek.Build(_reader, _channelId, 1);

    private static string WriteMsp(SigningIdentity identity, string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "signcerts"));
        Directory.CreateDirectory(Path.Combine(directory, "keystore"));
        File.WriteAllText(Path.Combine(directory, "signcerts", "cert.pem"), identity.Certificate.ExportCertificatePem() + "\n");
        KeyPem.WriteFile(Path.Combine(directory, "keystore", "priv_sk"), identity.Key);
        return directory;
    }

    private static bool ChildServerGc(string dll)
    {
        string? env = Environment.GetEnvironmentVariable("DOTNET_gcServer");
        if (!string.IsNullOrEmpty(env))
        {
            return env is "1" or "true";
        }

        using var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(dll, ".runtimeconfig.json")));
        return config.RootElement.TryGetProperty("runtimeOptions", out var runtime)
            && runtime.TryGetProperty("configProperties", out var properties)
            && properties.TryGetProperty("System.GC.Server", out var server)
            && server.ValueKind == System.Text.Json.JsonValueKind.True;
    }

    private static void Append(StreamWriter writer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (writer)
        {
            writer.WriteLine(line);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }
}
