using System.CommandLine;

namespace Fabricish.Cli.Connection;

/// <summary>The orderer switches of Fabric's peer CLI (<c>-o</c>, <c>--cafile</c>, <c>--ordererTLSHostnameOverride</c>)
/// on commands that submit through a peer's gateway. The gateway sends the transaction to the channel's orderers
/// itself, so these are accepted — letting Fabric's scripts run unchanged — and not used.</summary>
internal static class IgnoredOrdererOptions
{
    private const string Ignored = "Accepted as in Fabric's peer CLI and not used: the peer's gateway sends the transaction to the channel's orderers.";

    public static void AddTo(Command command)
    {
        command.Options.Add(new Option<string>("--orderer", "-o") { Description = Ignored });
        command.Options.Add(new Option<string>("--cafile") { Description = Ignored });
        command.Options.Add(new Option<string>("--ordererTLSHostnameOverride") { Description = Ignored });
    }
}
