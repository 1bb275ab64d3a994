using System.CommandLine;
using Fabricish.Protos.Peer.Lifecycle;
using Google.Protobuf;

namespace Fabricish.Cli.Lifecycle;

/// <summary><c>fabricish lifecycle chaincode checkcommitreadiness</c>: which organizations have approved this exact
/// definition, printed as Fabric prints it.</summary>
internal static class CheckCommitReadinessCommand
{
    public static Command Create()
    {
        var options = new DefinitionOptions(withPackageId: false);
        var command = new Command("checkcommitreadiness", "Show which organizations approved a chaincode definition.");
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            ChaincodeDefinition? definition = options.TryBuild(parse, out string? error);
            if (definition is null)
            {
                return LifecycleCommand.Fail(parse, "checkcommitreadiness", error!);
            }

            string channel = parse.GetRequiredValue(options.Channel);
            byte[]? payload = await LifecycleGateway.EvaluateAsync(parse, "checkcommitreadiness", options.Connection, channel, "CheckCommitReadiness", definition.ToCheckCommitReadinessArgs(), cancellationToken).ConfigureAwait(false);
            if (payload is null)
            {
                return 1;
            }

            CheckCommitReadinessResult result;
            try
            {
                result = CheckCommitReadinessResult.Parser.ParseFrom(payload);
            }
            catch (InvalidProtocolBufferException e)
            {
                return LifecycleCommand.Fail(parse, "checkcommitreadiness", $"the peer's answer is not a CheckCommitReadinessResult: {e.Message}");
            }

            TextWriter output = parse.InvocationConfiguration.Output;
            if (options.IsJson(parse))
            {
                await output.WriteLineAsync(LifecycleJson.Format(result)).ConfigureAwait(false);
                return 0;
            }

            await output.WriteLineAsync($"Chaincode definition for chaincode '{definition.Name}', version '{definition.Version}', sequence '{definition.Sequence}' on channel '{channel}' approval status by org:").ConfigureAwait(false);
            foreach (var (org, approved) in result.Approvals.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                await output.WriteLineAsync($"{org}: {(approved ? "true" : "false")}").ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
