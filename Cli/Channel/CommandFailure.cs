using System.CommandLine;

namespace Fabricish.Cli.Channel;

/// <summary>How channel commands end when they cannot do what was asked: one line on stderr naming the command and
/// what to fix, and exit code 1 (2 is left to the parser for malformed command lines).</summary>
internal static class CommandFailure
{
    public static int Fail(ParseResult parse, string command, string error)
    {
        parse.InvocationConfiguration.Error.WriteLine($"fabricish channel {command}: {error}");
        return 1;
    }

    /// <summary>A progress line for long operations; on stderr so stdout keeps only results.</summary>
    public static void Progress(ParseResult parse, string message) => parse.InvocationConfiguration.Error.WriteLine(message);
}
