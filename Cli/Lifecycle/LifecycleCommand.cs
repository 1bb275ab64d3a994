using System.CommandLine;

namespace Fabricish.Cli.Lifecycle;

/// <summary><c>fabricish lifecycle chaincode ...</c>: Fabric's chaincode lifecycle commands — package, install and
/// queryinstalled and queryapproved against one peer; approveformyorg, checkcommitreadiness, commit and querycommitted through a peer's
/// gateway on a channel.</summary>
public static class LifecycleCommand
{
    public static Command Create()
    {
        var chaincode = new Command("chaincode", "Package, install, approve and commit chaincode definitions (Fabric's chaincode lifecycle).");
        chaincode.Subcommands.Add(PackageCommand.Create());
        chaincode.Subcommands.Add(CalculatePackageIdCommand.Create());
        chaincode.Subcommands.Add(InstallCommand.Create());
        chaincode.Subcommands.Add(QueryInstalledCommand.Create());
        chaincode.Subcommands.Add(ApproveCommand.Create());
        chaincode.Subcommands.Add(QueryApprovedCommand.Create());
        chaincode.Subcommands.Add(CheckCommitReadinessCommand.Create());
        chaincode.Subcommands.Add(CommitCommand.Create());
        chaincode.Subcommands.Add(QueryCommittedCommand.Create());
        var command = new Command("lifecycle", "Operate the chaincode lifecycle (as Fabric's peer lifecycle).");
        command.Subcommands.Add(chaincode);
        return command;
    }

    internal static int Fail(ParseResult parse, string command, string error)
    {
        parse.InvocationConfiguration.Error.WriteLine($"fabricish lifecycle chaincode {command}: {error}");
        return 1;
    }
}
