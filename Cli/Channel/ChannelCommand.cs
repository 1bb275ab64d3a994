using System.CommandLine;

namespace Fabricish.Cli.Channel;

/// <summary><c>fabricish channel ...</c>: create and read channel configuration blocks.</summary>
public static class ChannelCommand
{
    public static Command Create()
    {
        var command = new Command("channel", "Create and inspect channel configuration (genesis) blocks.");
        command.Subcommands.Add(GenesisCommand.Create());
        command.Subcommands.Add(InspectCommand.Create());
        return command;
    }
}
