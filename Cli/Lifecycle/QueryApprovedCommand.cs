using System.CommandLine;
using System.Globalization;
using Fabricish.Cli.Connection;
using Fabricish.Protos.Peer.Lifecycle;
using Google.Protobuf;

namespace Fabricish.Cli.Lifecycle;

/// <summary><c>fabricish lifecycle chaincode queryapproved</c>: this organization's approved definition of one chaincode
/// (<c>-n</c>, at <c>--sequence</c> or the latest) or, without <c>-n</c>, every definition it approved on the channel
/// (_lifecycle QueryApprovedChaincodeDefinition / QueryApprovedChaincodeDefinitions), asked of one of its own peers as
/// Fabric's peer CLI does, and printed as Fabric prints them.</summary>
internal static class QueryApprovedCommand
{
    private const string Name = "queryapproved";

    public static Command Create()
    {
        var channelOption = new Option<string>("--channelID", "-C") { Description = "The channel.", Required = true };
        var nameOption = new Option<string>("--name", "-n") { Description = "The chaincode; every approved definition when left out." };
        var sequenceOption = new Option<long>("--sequence") { Description = "The sequence of the definition (with --name); the latest when left out." };
        var format = OutputOption.Create();
        var connection = new ConnectionOptions();
        var command = new Command(Name, "Query the organization's approved chaincode definitions from its peer.") { channelOption, nameOption, sequenceOption, format };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string channel = parse.GetRequiredValue(channelOption);
            string? name = parse.GetValue(nameOption);
            long sequence = parse.GetValue(sequenceOption);
            if (string.IsNullOrEmpty(name) && sequence != 0)
            {
                return LifecycleCommand.Fail(parse, Name, "Specifying parameter 'sequence' is invalid without parameter 'name'. Rerun the command with -n flag");
            }

            bool one = !string.IsNullOrEmpty(name);
            (string function, IMessage arguments) = one
                ? ("QueryApprovedChaincodeDefinition", (IMessage)new QueryApprovedChaincodeDefinitionArgs { Name = name!, Sequence = sequence })
                : ("QueryApprovedChaincodeDefinitions", new QueryApprovedChaincodeDefinitionsArgs());
            var (payload, error) = await LifecyclePeer.CallAsync(
                connection.Resolver(parse), function, arguments, parse.InvocationConfiguration.Error, cancellationToken, channel).ConfigureAwait(false);
            if (payload is null)
            {
                return LifecycleCommand.Fail(parse, Name, error!);
            }

            try
            {
                string text = one ? Single(payload, name!, channel, parse.GetValue(format) == OutputOption.Json) : All(payload, channel, parse.GetValue(format) == OutputOption.Json);
                await parse.InvocationConfiguration.Output.WriteAsync(text).ConfigureAwait(false);
                return 0;
            }
            catch (InvalidProtocolBufferException e)
            {
                return LifecycleCommand.Fail(parse, Name, $"the peer's answer is not a {function} result: {e.Message}");
            }
        });
        return command;
    }

    private static string Single(byte[] payload, string name, string channel, bool json)
    {
        var result = QueryApprovedChaincodeDefinitionResult.Parser.ParseFrom(payload);
        return json
            ? LifecycleJson.Format(result) + "\n"
            : $"Approved chaincode definition for chaincode '{name}' on channel '{channel}':\n" +
              Line(result.Sequence, result.Version, result.InitRequired, result.Source, result.EndorsementPlugin, result.ValidationPlugin) + "\n";
    }

    private static string All(byte[] payload, string channel, bool json)
    {
        var result = QueryApprovedChaincodeDefinitionsResult.Parser.ParseFrom(payload);
        if (json)
        {
            return LifecycleJson.Format(result) + "\n";
        }

        var text = new System.Text.StringBuilder().Append(CultureInfo.InvariantCulture, $"Approved chaincode definitions on channel '{channel}':\n");
        foreach (var definition in result.ApprovedChaincodeDefinitions)
        {
            text.Append(CultureInfo.InvariantCulture, $"name: {definition.Name}, ")
                .Append(Line(definition.Sequence, definition.Version, definition.InitRequired, definition.Source, definition.EndorsementPlugin, definition.ValidationPlugin))
                .Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Fabric's printSingleApprovedChaincodeDefinition; an unavailable source prints an empty package ID.</summary>
    internal static string Line(long sequence, string version, bool initRequired, ChaincodeSource? source, string endorsementPlugin, string validationPlugin)
    {
        string packageId = source?.TypeCase == ChaincodeSource.TypeOneofCase.LocalPackage ? source.LocalPackage.PackageId : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"sequence: {sequence}, version: {version}, init-required: {(initRequired ? "true" : "false")}, package-id: {packageId}, endorsement plugin: {endorsementPlugin}, validation plugin: {validationPlugin}");
    }
}
