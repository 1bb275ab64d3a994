namespace Fabricish.Channels.Config.Profile;

/// <summary>Words a policy rule's parse failure so the operator sees where in the rule it went wrong.</summary>
public static class PolicyErrors
{
    public static string Describe(string rule, string? error, int column) =>
        column > 0 && error?.Contains("column", StringComparison.Ordinal) != true
            ? $"invalid policy rule \"{rule}\" at column {column}: {error}"
            : $"invalid policy rule \"{rule}\": {error}";
}
