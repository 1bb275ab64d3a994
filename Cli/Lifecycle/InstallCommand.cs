using System.CommandLine;
using System.Text.Json.Nodes;
using Fabricish.Cli.Connection;
using Fabricish.Protos.Peer.Lifecycle;
using Google.Protobuf;

namespace Fabricish.Cli.Lifecycle;

/// <summary><c>fabricish lifecycle chaincode install</c>: sends a package to a peer (_lifecycle InstallChaincode, no
/// channel) and prints the package ID the peer assigned.</summary>
internal static class InstallCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The chaincode package file." };
        var connection = new ConnectionOptions();
        var format = OutputOption.Create();
        var command = new Command("install", "Install a chaincode package on a peer.") { file, format };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            FileInfo package = parse.GetRequiredValue(file);
            if (!package.Exists)
            {
                return LifecycleCommand.Fail(parse, "install", $"{package.FullName} does not exist");
            }

            byte[] bytes = await File.ReadAllBytesAsync(package.FullName, cancellationToken).ConfigureAwait(false);
            if (CcaasPackage.TryParse(bytes, out string? error) is null)
            {
                return LifecycleCommand.Fail(parse, "install", $"{package.FullName}: {error}");
            }

            var arguments = new InstallChaincodeArgs { ChaincodeInstallPackage = ByteString.CopyFrom(bytes) };
            var (payload, callError) = await LifecyclePeer.CallAsync(connection.Resolver(parse), "InstallChaincode", arguments, parse.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
            if (payload is null)
            {
                return LifecycleCommand.Fail(parse, "install", "chaincode install failed: " + callError);
            }

            InstallChaincodeResult result;
            try
            {
                result = InstallChaincodeResult.Parser.ParseFrom(payload);
            }
            catch (InvalidProtocolBufferException e)
            {
                return LifecycleCommand.Fail(parse, "install", $"the peer's answer is not an InstallChaincodeResult: {e.Message}");
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(format) == OutputOption.Json
                ? new JsonObject { ["package_id"] = result.PackageId, ["label"] = result.Label }.ToJsonString()
                : $"Chaincode code package identifier: {result.PackageId}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
