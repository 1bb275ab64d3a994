using System.CommandLine;

namespace Fabricish.Cli.Chaincode;

/// <summary><c>fabricish chaincode invoke|query</c>: Fabric's peer CLI commands, sent through the peer's Gateway service.</summary>
public static class ChaincodeCommand
{
    public static Command Create()
    {
        var command = new Command("chaincode", "Invoke or query a chaincode through a peer's gateway (as Fabric's peer chaincode).");
        command.Subcommands.Add(InvokeCommand.Create());
        command.Subcommands.Add(QueryCommand.Create());
        return command;
    }

    internal static int Fail(ParseResult parse, string command, string error)
    {
        parse.InvocationConfiguration.Error.WriteLine($"fabricish chaincode {command}: {error}");
        return 1;
    }
}
