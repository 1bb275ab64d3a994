using System.CommandLine;
using System.Text.Json.Nodes;
using Fabricish.Cli.Connection;

namespace Fabricish.Cli.Lifecycle;

/// <summary><c>fabricish lifecycle chaincode calculatepackageid</c>: the package ID a peer will give a package file.</summary>
internal static class CalculatePackageIdCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The chaincode package file." };
        var format = OutputOption.Create();
        var command = new Command("calculatepackageid", "Print the package ID of a chaincode package.") { file, format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            FileInfo package = parse.GetRequiredValue(file);
            if (!package.Exists)
            {
                return LifecycleCommand.Fail(parse, "calculatepackageid", $"{package.FullName} does not exist");
            }

            byte[] bytes = await File.ReadAllBytesAsync(package.FullName, cancellationToken).ConfigureAwait(false);
            ParsedPackage? parsed = CcaasPackage.TryParse(bytes, out string? error);
            if (parsed is null)
            {
                return LifecycleCommand.Fail(parse, "calculatepackageid", $"{package.FullName}: {error}");
            }

            string packageId = CcaasPackage.PackageId(parsed.Label, bytes);
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                parse.GetValue(format) == OutputOption.Json ? new JsonObject { ["package_id"] = packageId }.ToJsonString() : packageId).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
