using System.CommandLine;

namespace Fabricish.Cli;

internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("fabricish — operate a Fabricish (Hyperledger Fabric compatible) network.");
        // Each command group registers itself here, one line each.
        return root.Parse(args).InvokeAsync();
    }
}
