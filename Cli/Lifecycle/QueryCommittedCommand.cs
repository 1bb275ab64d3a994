using System.CommandLine;
using Fabricish.Cli.Connection;
using Fabricish.Protos.Peer.Lifecycle;
using Google.Protobuf;

namespace Fabricish.Cli.Lifecycle;

/// <summary><c>fabricish lifecycle chaincode querycommitted</c>: the committed definition of one chaincode (with
/// <c>-n</c>, including which organizations approved it) or of all chaincodes on the channel.</summary>
internal static class QueryCommittedCommand
{
    public static Command Create()
    {
        var channelOption = new Option<string>("--channelID", "-C") { Description = "The channel.", Required = true };
        var nameOption = new Option<string>("--name", "-n") { Description = "The chaincode; all chaincodes when left out." };
        var format = OutputOption.Create();
        var connection = new ConnectionOptions();
        var command = new Command("querycommitted", "Show the committed chaincode definitions on a channel.") { channelOption, nameOption, format };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string channel = parse.GetRequiredValue(channelOption);
            string? name = parse.GetValue(nameOption);
            bool json = parse.GetValue(format) == OutputOption.Json;
            IMessage arguments = name is null ? new QueryChaincodeDefinitionsArgs() : new QueryChaincodeDefinitionArgs { Name = name };
            string function = name is null ? "QueryChaincodeDefinitions" : "QueryChaincodeDefinition";
            byte[]? payload = await LifecycleGateway.EvaluateAsync(parse, "querycommitted", connection, channel, function, arguments, cancellationToken).ConfigureAwait(false);
            if (payload is null)
            {
                return 1;
            }

            TextWriter output = parse.InvocationConfiguration.Output;
            try
            {
                if (name is not null)
                {
                    var one = QueryChaincodeDefinitionResult.Parser.ParseFrom(payload);
                    string approvals = string.Join(", ", one.Approvals.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {(a.Value ? "true" : "false")}"));
                    await output.WriteLineAsync(json ? LifecycleJson.Format(one) : $"Committed chaincode definition for chaincode '{name}' on channel '{channel}':\nVersion: {one.Version}, Sequence: {one.Sequence}, Endorsement Plugin: {one.EndorsementPlugin}, Validation Plugin: {one.ValidationPlugin}, Approvals: [{approvals}]").ConfigureAwait(false);
                    return 0;
                }

                var all = QueryChaincodeDefinitionsResult.Parser.ParseFrom(payload);
                if (json)
                {
                    await output.WriteLineAsync(LifecycleJson.Format(all)).ConfigureAwait(false);
                    return 0;
                }

                await output.WriteLineAsync($"Committed chaincode definitions on channel '{channel}':").ConfigureAwait(false);
                foreach (var definition in all.ChaincodeDefinitions)
                {
                    await output.WriteLineAsync($"Name: {definition.Name}, Version: {definition.Version}, Sequence: {definition.Sequence}, Endorsement Plugin: {definition.EndorsementPlugin}, Validation Plugin: {definition.ValidationPlugin}").ConfigureAwait(false);
                }

                return 0;
            }
            catch (InvalidProtocolBufferException e)
            {
                return LifecycleCommand.Fail(parse, "querycommitted", $"the peer's answer is not a {function} result: {e.Message}");
            }
        });
        return command;
    }
}
