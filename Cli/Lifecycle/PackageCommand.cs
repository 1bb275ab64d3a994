using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fabricish.Channels.Config;
using Fabricish.Cli.Connection;

namespace Fabricish.Cli.Lifecycle;

/// <summary><c>fabricish lifecycle chaincode package</c>: writes a chaincode-as-a-service package (Fabric's ccaas
/// type) for a chaincode server at <c>--address</c>, with optional CouchDB indexes, and prints its package ID.</summary>
internal static partial class PackageCommand
{
    public static Command Create()
    {
        var output = new Argument<FileInfo>("file") { Description = "Where to write the package (e.g. basic.tar.gz)." };
        var label = new Option<string>("--label") { Description = "The package label, e.g. basic_1.0.", Required = true };
        var address = new Option<string>("--address") { Description = "host:port the chaincode server listens on, as the peer dials it.", Required = true };
        var dialTimeout = new Option<string>("--dial-timeout") { Description = "How long the peer waits to connect (Go duration).", DefaultValueFactory = _ => "10s" };
        var rootCert = new Option<FileInfo>("--tls-root-cert") { Description = "The CA certificate of the chaincode server's TLS certificate; enables TLS." };
        var clientCert = new Option<FileInfo>("--tls-client-cert") { Description = "The peer's client certificate for mutual TLS (needs --tls-client-key)." };
        var clientKey = new Option<FileInfo>("--tls-client-key") { Description = "The key of --tls-client-cert." };
        var indexes = new Option<DirectoryInfo>("--indexes") { Description = "A folder of CouchDB index definitions (*.json) to ship in the package." };
        var format = OutputOption.Create();
        var command = new Command("package", "Write a chaincode-as-a-service package.") { output, label, address, dialTimeout, rootCert, clientCert, clientKey, indexes, format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string labelValue = parse.GetRequiredValue(label);
            if (!Label().IsMatch(labelValue))
            {
                return LifecycleCommand.Fail(parse, "package", $"label '{labelValue}' is invalid: it must start with a letter or digit and hold only letters, digits, '_', '.', '+' and '-'");
            }

            string dial = parse.GetRequiredValue(dialTimeout);
            if (!GoDuration.TryParse(dial, out TimeSpan dialLimit) || dialLimit < TimeSpan.Zero)
            {
                return LifecycleCommand.Fail(parse, "package", $"--dial-timeout '{dial}' is not a duration such as 10s");
            }

            if (parse.GetValue(clientCert) is null != parse.GetValue(clientKey) is null)
            {
                return LifecycleCommand.Fail(parse, "package", "--tls-client-cert and --tls-client-key go together");
            }

            ConnectionJson connection;
            List<(string, byte[])> indexFiles;
            try
            {
                connection = new ConnectionJson(
                    parse.GetRequiredValue(address),
                    dial,
                    ReadText(parse.GetValue(rootCert)),
                    ReadText(parse.GetValue(clientCert)),
                    ReadText(parse.GetValue(clientKey)));
                indexFiles = ReadIndexes(parse.GetValue(indexes));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                return LifecycleCommand.Fail(parse, "package", e.Message);
            }

            byte[] package = CcaasPackage.Create(labelValue, connection, indexFiles);
            FileInfo file = parse.GetRequiredValue(output);
            await File.WriteAllBytesAsync(file.FullName, package, cancellationToken).ConfigureAwait(false);
            string packageId = CcaasPackage.PackageId(labelValue, package);
            TextWriter stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == OutputOption.Json)
            {
                await stdout.WriteLineAsync(new JsonObject { ["file"] = file.FullName, ["package_id"] = packageId }.ToJsonString()).ConfigureAwait(false);
            }
            else
            {
                await stdout.WriteLineAsync($"Chaincode package written to {file.FullName}").ConfigureAwait(false);
                await stdout.WriteLineAsync($"Package ID: {packageId}").ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    private static string? ReadText(FileInfo? file) => file is null ? null : File.ReadAllText(file.FullName);

    private static List<(string, byte[])> ReadIndexes(DirectoryInfo? folder)
    {
        if (folder is null)
        {
            return [];
        }

        if (!folder.Exists)
        {
            throw new DirectoryNotFoundException($"--indexes folder {folder.FullName} does not exist");
        }

        var files = new List<(string, byte[])>();
        foreach (FileInfo file in folder.GetFiles("*.json").OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            byte[] content = File.ReadAllBytes(file.FullName);
            try
            {
                using JsonDocument index = JsonDocument.Parse(content);
                if (index.RootElement.ValueKind != JsonValueKind.Object || !index.RootElement.TryGetProperty("index", out _))
                {
                    throw new InvalidDataException($"index {file.FullName} is not a CouchDB index definition (a JSON object with an \"index\" field)");
                }
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"index {file.FullName} is not valid JSON: {e.Message}", e);
            }

            files.Add((file.Name, content));
        }

        return files;
    }

    /// <summary>Fabric's label rule (lifecycle.ValidateLabel).</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.+-]*$")]
    private static partial Regex Label();
}
