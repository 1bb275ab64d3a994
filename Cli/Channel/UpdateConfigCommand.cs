using System.CommandLine;

namespace Fabricish.Cli.Channel;

/// <summary><c>fabricish channel update-config ...</c>: what an operator does with configtxlator by hand — fetch the
/// config, change it, compute the update — for common changes, writing the unsigned CONFIG_UPDATE envelope that
/// <c>channel signconfigtx</c> and <c>channel update</c> take.</summary>
internal static class UpdateConfigCommand
{
    public static Command Create()
    {
        var command = new Command("update-config", "Compute a channel config update (a CONFIG_UPDATE envelope, not yet signed) for a common change.");
        command.Subcommands.Add(AddOrgCommand.Create());
        return command;
    }
}
