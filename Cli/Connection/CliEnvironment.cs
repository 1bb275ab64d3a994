namespace Fabricish.Cli.Connection;

/// <summary>The environment variables commands read (Fabric's CORE_PEER_* and FABRICISH_*). Tests replace them for
/// their own async flow only, so parallel tests never see each other's variables or touch the process environment.</summary>
internal static class CliEnvironment
{
    private static readonly AsyncLocal<IReadOnlyDictionary<string, string>?> Override = new();

    public static string? Get(string name)
    {
        IReadOnlyDictionary<string, string>? replaced = Override.Value;
        string? value = replaced is null ? Environment.GetEnvironmentVariable(name) : replaced.GetValueOrDefault(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Until disposed, commands in this async flow see exactly <paramref name="variables"/>.</summary>
    public static IDisposable Use(IReadOnlyDictionary<string, string> variables)
    {
        IReadOnlyDictionary<string, string>? previous = Override.Value;
        Override.Value = variables;
        return new Restore(previous);
    }

    private sealed class Restore(IReadOnlyDictionary<string, string>? previous) : IDisposable
    {
        public void Dispose() => Override.Value = previous;
    }
}
