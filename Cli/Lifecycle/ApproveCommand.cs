using System.CommandLine;
using Fabricish.Cli.Connection;

namespace Fabricish.Cli.Lifecycle;

/// <summary><c>fabricish lifecycle chaincode approveformyorg</c> (alias <c>approve</c>): approves a definition for the
/// identity's organization — endorsed by that organization's peers only, as Fabric requires — and waits for the commit.</summary>
internal static class ApproveCommand
{
    public static Command Create()
    {
        var options = new DefinitionOptions(withPackageId: true);
        var command = new Command("approveformyorg", "Approve a chaincode definition for my organization.");
        command.Aliases.Add("approve");
        options.AddTo(command);
        IgnoredOrdererOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            ChaincodeDefinition? definition = options.TryBuild(parse, out string? error);
            if (definition is null)
            {
                return LifecycleCommand.Fail(parse, "approveformyorg", error!);
            }

            return await LifecycleGateway.SubmitAsync(parse, "approveformyorg", options, "ApproveChaincodeDefinitionForMyOrg", definition.ToApproveArgs(), endorseByMyOrgOnly: true, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
