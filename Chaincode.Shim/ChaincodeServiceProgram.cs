using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Fabricish.Chaincode.Shim;

/// <summary>The Main of a chaincode-as-a-service program, configured as Fabric's ccaas chaincode images are:
/// CHAINCODE_SERVER_ADDRESS and CHAINCODE_ID (the package id the peer was given); TLS from
/// CHAINCODE_TLS_CERT/KEY (and CHAINCODE_CLIENT_CA_CERT) when CHAINCODE_TLS_DISABLED=false. --address and --id
/// override the environment. Serves until SIGTERM or SIGINT.</summary>
public static class ChaincodeServiceProgram
{
    public static async Task<int> RunAsync(string[] args, IChaincode chaincode)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(chaincode);
        // As the peer and orderer (Fabricish.Hosting.SocketCompletions): socket completions run inline on the socket
        // engine's thread, one thread wake-up less per gRPC message; the shim never blocks on a request path. .NET
        // reads the variable at the first asynchronous socket call; a chaincode author's own setting wins.
        if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
        {
            Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
        }

        string address = Setting(args, "--address", "CHAINCODE_SERVER_ADDRESS") ?? "0.0.0.0:9999";
        string? chaincodeId = Setting(args, "--id", "CHAINCODE_ID", "CORE_CHAINCODE_ID_NAME");
        if (string.IsNullOrEmpty(chaincodeId))
        {
            await Console.Error.WriteLineAsync("CHAINCODE_ID (or --id) must name the chaincode package id").ConfigureAwait(false);
            return 2;
        }

        ChaincodeServerTls? tls = null;
        string? tlsCert = Environment.GetEnvironmentVariable("CHAINCODE_TLS_CERT");
        string? tlsKey = Environment.GetEnvironmentVariable("CHAINCODE_TLS_KEY");
        bool tlsDisabled = !string.Equals(Environment.GetEnvironmentVariable("CHAINCODE_TLS_DISABLED"), "false", StringComparison.OrdinalIgnoreCase);
        if (!tlsDisabled && !string.IsNullOrEmpty(tlsCert) && !string.IsNullOrEmpty(tlsKey))
        {
            tls = ChaincodeServerTls.FromPemFiles(tlsCert, tlsKey, Environment.GetEnvironmentVariable("CHAINCODE_CLIENT_CA_CERT"));
        }

        using ILoggerFactory loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole());
        using var stop = new CancellationTokenSource();
        // Containers stop chaincode with SIGTERM; a terminal with Ctrl+C (SIGINT).
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using PosixSignalRegistration onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using PosixSignalRegistration onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        await using var server = new ChaincodeServer(chaincodeId, address, chaincode, tls, loggerFactory);
        await server.RunAsync(stop.Token).ConfigureAwait(false);
        return 0;
    }

    private static string? Setting(string[] args, string flag, params string[] variables)
    {
        int at = Array.IndexOf(args, flag);
        if (at >= 0 && at + 1 < args.Length)
        {
            return args[at + 1];
        }

        return variables.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrEmpty(v));
    }
}
