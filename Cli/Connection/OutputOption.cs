using System.CommandLine;

namespace Fabricish.Cli.Connection;

/// <summary><c>--output json|table</c>: JSON for scripts, Fabric-style text (the default) for people. Results go to
/// stdout, progress and errors to stderr, so JSON output can be piped as it is.</summary>
internal static class OutputOption
{
    public const string Json = "json";
    public const string Table = "table";

    public static Option<string> Create()
    {
        var option = new Option<string>("--output")
        {
            Description = "How results are printed: table (default) or json.",
            DefaultValueFactory = _ => Table,
        };
        option.AcceptOnlyFromAmong(Table, Json);
        return option;
    }
}
