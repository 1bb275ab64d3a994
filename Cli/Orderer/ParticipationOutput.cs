using System.CommandLine;

namespace Fabricish.Cli.Orderer;

/// <summary>Prints an answer as osnadmin does ("Status: N" then the JSON body); failures also go to stderr with a
/// non-zero exit code.</summary>
internal static class ParticipationOutput
{
    public static int Report(ParseResult parse, string command, AdminAnswer answer)
    {
        TextWriter stdout = parse.InvocationConfiguration.Output;
        TextWriter stderr = parse.InvocationConfiguration.Error;
        if (answer.StatusCode == 0)
        {
            stderr.WriteLine($"fabricish orderer {command}: {answer.Error}");
            return 1;
        }

        stdout.WriteLine($"Status: {answer.StatusCode}");
        if (answer.Body.Length > 0)
        {
            stdout.WriteLine(ParticipationClient.Pretty(answer.Body));
        }

        if (answer.IsSuccess)
        {
            return 0;
        }

        stderr.WriteLine($"fabricish orderer {command}: the orderer answered {answer.StatusCode}: {answer.Error}");
        return 1;
    }

    public static int Fail(ParseResult parse, string command, string error)
    {
        parse.InvocationConfiguration.Error.WriteLine($"fabricish orderer {command}: {error}");
        return 1;
    }
}
