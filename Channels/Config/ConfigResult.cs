namespace Fabricish.Channels.Config;

/// <summary>The outcome of reading or building channel configuration: a value, or the reason there is none
/// (the reason names the offending field so an operator can fix the file).</summary>
public readonly record struct ConfigResult<T>(T? Value, string? Error)
    where T : class
{
    public bool IsOk => Value is not null;

    public static ConfigResult<T> Ok(T value) => new(value, null);

    public static ConfigResult<T> Fail(string error) => new(null, error);
}
