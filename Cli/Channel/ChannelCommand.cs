using System.CommandLine;

namespace Fabricish.Cli.Channel;

/// <summary><c>fabricish channel ...</c>: Fabric's channel administration — create a channel and join orderers and
/// peers, list channels and heights, fetch blocks, and update the channel config (compute, sign, submit).</summary>
public static class ChannelCommand
{
    private const string Name = "channel";

    public static Command Create()
    {
        var command = new Command("channel", "Create, join, inspect and update channels.");
        command.Subcommands.Add(CreateCommand.Create());
        command.Subcommands.Add(Peer.JoinCommand.Create(Name));
        command.Subcommands.Add(Peer.ListCommand.Create(Name));
        command.Subcommands.Add(Peer.GetInfoCommand.Create(Name));
        command.Subcommands.Add(FetchCommand.Create());
        command.Subcommands.Add(UpdateConfigCommand.Create());
        command.Subcommands.Add(SignConfigTxCommand.Create());
        command.Subcommands.Add(UpdateCommand.Create());
        command.Subcommands.Add(GenesisCommand.Create());
        command.Subcommands.Add(InspectCommand.Create());
        return command;
    }
}
