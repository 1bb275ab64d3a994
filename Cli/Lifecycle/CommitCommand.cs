using System.CommandLine;
using Fabricish.Cli.Connection;

namespace Fabricish.Cli.Lifecycle;

/// <summary><c>fabricish lifecycle chaincode commit</c>: commits a definition on the channel; the gateway collects
/// endorsements as the channel's LifecycleEndorsement policy requires. Waits for the commit.</summary>
internal static class CommitCommand
{
    public static Command Create()
    {
        var options = new DefinitionOptions(withPackageId: false);
        var command = new Command("commit", "Commit a chaincode definition on the channel.");
        options.AddTo(command);
        IgnoredOrdererOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            ChaincodeDefinition? definition = options.TryBuild(parse, out string? error);
            if (definition is null)
            {
                return LifecycleCommand.Fail(parse, "commit", error!);
            }

            return await LifecycleGateway.SubmitAsync(parse, "commit", options, "CommitChaincodeDefinition", definition.ToCommitArgs(), endorseByMyOrgOnly: false, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
