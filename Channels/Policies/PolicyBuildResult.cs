namespace Fabricish.Channels.Policies;

/// <summary>
/// The outcome of compiling policies from channel configuration: the compiled value, or why the
/// configuration is unacceptable (unknown policy type, malformed bytes, identity index out of range ...).
/// </summary>
public readonly record struct PolicyBuildResult<T>(T? Value, string? Error)
    where T : class
{
    public bool IsValid => Value is not null;

    public static PolicyBuildResult<T> Ok(T value) => new(value, null);

    public static PolicyBuildResult<T> Fail(string error) => new(null, error);
}
