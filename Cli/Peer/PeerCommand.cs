using System.CommandLine;

namespace Fabricish.Cli.Peer;

/// <summary><c>fabricish peer channel ...</c>: Fabric's <c>peer channel join|list</c> against a peer's admin API
/// (served on its operations endpoint).</summary>
public static class PeerCommand
{
    public static Command Create()
    {
        var channel = new Command("channel", "Join a peer to channels and list the channels it has joined.");
        channel.Subcommands.Add(JoinCommand.Create());
        channel.Subcommands.Add(ListCommand.Create());
        var command = new Command("peer", "Operate a peer (as Fabric's peer CLI).");
        command.Subcommands.Add(channel);
        return command;
    }

    internal static Option<string> PeerOption() => new("--peer", "--peerAddresses")
    {
        Description = "The peer's operations (admin) endpoint, host:port or an http:// URL.",
        Required = true,
    };

    internal static int Fail(ParseResult parse, string command, string error)
    {
        parse.InvocationConfiguration.Error.WriteLine($"fabricish peer channel {command}: {error}");
        return 1;
    }
}
