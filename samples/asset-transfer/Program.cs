using System.Runtime.InteropServices;
using Fabricish.Chaincode.Shim;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Samples.AssetTransfer;
using Microsoft.Extensions.Logging;

// Configured as Fabric's ccaas chaincode images are: CHAINCODE_SERVER_ADDRESS and CHAINCODE_ID (the package id
// the peer was given); TLS from CHAINCODE_TLS_CERT/KEY (and CHAINCODE_CLIENT_CA_CERT) when CHAINCODE_TLS_DISABLED=false.
// --address and --id override the environment.
string? Setting(string flag, params string[] variables)
{
    int at = Array.IndexOf(args, flag);
    if (at >= 0 && at + 1 < args.Length)
    {
        return args[at + 1];
    }

    return variables.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrEmpty(v));
}

string address = Setting("--address", "CHAINCODE_SERVER_ADDRESS") ?? "0.0.0.0:9999";
string? chaincodeId = Setting("--id", "CHAINCODE_ID", "CORE_CHAINCODE_ID_NAME");
if (string.IsNullOrEmpty(chaincodeId))
{
    await Console.Error.WriteLineAsync("CHAINCODE_ID (or --id) must name the chaincode package id");
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

var chaincode = new ContractChaincode([new AssetTransferContract()], "asset-transfer-basic", "1.0.0");
await using var server = new ChaincodeServer(chaincodeId, address, chaincode, tls, loggerFactory);
await server.RunAsync(stop.Token);
return 0;
