using System.CommandLine;
using Fabricish.Cli.Connection;
using Fabricish.Protos.Peer.Lifecycle;
using Google.Protobuf;

namespace Fabricish.Cli.Lifecycle;

/// <summary><c>fabricish lifecycle chaincode queryinstalled</c>: the packages installed on a peer (_lifecycle
/// QueryInstalledChaincodes, no channel), printed as Fabric prints them.</summary>
internal static class QueryInstalledCommand
{
    public static Command Create()
    {
        var connection = new ConnectionOptions();
        var format = OutputOption.Create();
        var command = new Command("queryinstalled", "List the chaincode packages installed on a peer.") { format };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (payload, error) = await LifecyclePeer.CallAsync(connection.Resolver(parse), "QueryInstalledChaincodes", new QueryInstalledChaincodesArgs(), parse.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
            if (payload is null)
            {
                return LifecycleCommand.Fail(parse, "queryinstalled", error!);
            }

            QueryInstalledChaincodesResult result;
            try
            {
                result = QueryInstalledChaincodesResult.Parser.ParseFrom(payload);
            }
            catch (InvalidProtocolBufferException e)
            {
                return LifecycleCommand.Fail(parse, "queryinstalled", $"the peer's answer is not a QueryInstalledChaincodesResult: {e.Message}");
            }

            TextWriter output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == OutputOption.Json)
            {
                await output.WriteLineAsync(LifecycleJson.Format(result)).ConfigureAwait(false);
                return 0;
            }

            await output.WriteLineAsync("Installed chaincodes on peer:").ConfigureAwait(false);
            foreach (var installed in result.InstalledChaincodes)
            {
                await output.WriteLineAsync($"Package ID: {installed.PackageId}, Label: {installed.Label}").ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
