using System.CommandLine;

namespace Fabricish.Cli.Orderer;

/// <summary><c>fabricish orderer ...</c>: Fabric's <c>osnadmin channel</c> commands against an orderer's admin endpoint.</summary>
public static class OrdererCommand
{
    public static Command Create()
    {
        var command = new Command("orderer", "Manage the channels an orderer serves through its channel participation API (as osnadmin).");
        command.Subcommands.Add(JoinCommand.Create());
        command.Subcommands.Add(ListCommand.Create());
        command.Subcommands.Add(RemoveCommand.Create());
        return command;
    }

    internal static Option<string> OrdererOption() => new("--orderer", "-o")
    {
        Description = "The orderer's admin endpoint, host:port or an http(s):// URL.",
        Required = true,
    };

    internal static Option<string> ChannelOption(bool required) => new("--channel", "-c", "--channelID")
    {
        Description = "The channel name.",
        Required = required,
    };
}
