using System.CommandLine;

namespace Fabricish.Cli;

/// <summary>Builds the command tree; tests invoke it in-process with their own output writers.</summary>
public static class CliRoot
{
    public static RootCommand Create()
    {
        var root = new RootCommand("fabricish — operate a Fabricish (Hyperledger Fabric compatible) network.");
        // Each command group registers itself here, one line each.
        root.Subcommands.Add(Crypto.CryptoCommand.Create());
        root.Subcommands.Add(Channel.ChannelCommand.Create());
        root.Subcommands.Add(Orderer.OrdererCommand.Create());
        root.Subcommands.Add(Peer.PeerCommand.Create());
        root.Subcommands.Add(Chaincode.ChaincodeCommand.Create());
        root.Subcommands.Add(Lifecycle.LifecycleCommand.Create());
        root.Subcommands.Add(Oracle.OracleCommand.Create());
        root.Subcommands.Add(Legal.LegalCommand.Create());
        return root;
    }
}
