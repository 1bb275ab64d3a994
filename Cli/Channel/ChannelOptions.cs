using System.CommandLine;

namespace Fabricish.Cli.Channel;

/// <summary>Options channel commands share, named as Fabric's peer CLI names them.</summary>
internal static class ChannelOptions
{
    public static Option<string> Channel() => new("--channel", "-c", "--channelID")
    {
        Description = "The channel name.",
        Required = true,
    };

    public static Option<TimeSpan> Timeout(int seconds) => new("--timeout", "-t")
    {
        Description = $"How long to wait for the orderer, e.g. 00:00:30 (default {seconds} s).",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(seconds),
    };
}
