namespace Fabricish.Channels.Policies;

/// <summary>
/// The outcome of parsing a policy rule: the value, or an error message that (for the signature DSL)
/// names the 1-based column where parsing stopped. A bad rule in a configuration file is an input
/// problem, so it is reported as a value rather than thrown.
/// </summary>
public readonly record struct PolicyParseResult<T>(T? Value, string? Error, int Column)
    where T : class
{
    public bool IsValid => Value is not null;

    public static PolicyParseResult<T> Ok(T value) => new(value, null, 0);

    /// <param name="column">1-based column of the offending character, or 0 when no position applies.</param>
    public static PolicyParseResult<T> Fail(string error, int column = 0) => new(null, error, column);
}
