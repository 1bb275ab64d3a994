using System.CommandLine;

namespace Fabricish.Cli.Peer;

/// <summary><c>fabricish peer channel ...</c>: Fabric's <c>peer channel join|list|getinfo</c>, calling cscc and qscc
/// through the peer's Endorser service as Fabric's peer CLI does, so either CLI works against either peer.</summary>
public static class PeerCommand
{
    private const string Name = "peer channel";

    public static Command Create()
    {
        var channel = new Command("channel", "Join a peer to channels, list them and show a channel's height and hashes.");
        channel.Subcommands.Add(JoinCommand.Create(Name));
        channel.Subcommands.Add(ListCommand.Create(Name));
        channel.Subcommands.Add(GetInfoCommand.Create(Name));
        var command = new Command("peer", "Operate a peer (as Fabric's peer CLI).");
        command.Subcommands.Add(channel);
        return command;
    }

    /// <param name="command">The command as typed after <c>fabricish</c>, e.g. <c>peer channel join</c>.</param>
    internal static int Fail(ParseResult parse, string command, string error)
    {
        parse.InvocationConfiguration.Error.WriteLine($"fabricish {command}: {error}");
        return 1;
    }
}
