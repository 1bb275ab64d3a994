namespace Fabricish.Benchmarks.Chaos;

/// <summary>A crash: SIGKILL to a component's process group (no shutdown, no flush), and after the hold the operator's
/// <c>./fabricish start NAME</c>, which starts it with up's command line and waits until it is ready.</summary>
public sealed class ProcessKillFault(string name, TimeSpan hold, Func<ChaosContext, CancellationToken, Task<string>> target) : IChaosFault
{
    private string? _killed;

    public string Name { get; } = name;

    public TimeSpan Hold { get; } = hold;

    public bool NeedsHosts => false;

    /// <summary>A fault on a component named in advance.</summary>
    public static ProcessKillFault Of(string name, string component, TimeSpan hold) =>
        new(name, hold, (_, _) => Task.FromResult(component));

    public async Task<FaultStep> InjectAsync(ChaosContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string component = await target(context, cancellationToken).ConfigureAwait(false);
        if (!await context.Network.SignalAsync(component, "KILL", cancellationToken).ConfigureAwait(false))
        {
            return FaultStep.Failed($"{component} was not running: nothing to kill");
        }

        _killed = component;
        return FaultStep.Done($"kill -9 {component}");
    }

    public async Task<FaultStep> HealAsync(ChaosContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_killed is not { } component)
        {
            return FaultStep.Failed("nothing was killed");
        }

        (int code, string output) = await context.Network.FabricishAsync(cancellationToken, "start", component).ConfigureAwait(false);
        return code == 0
            ? FaultStep.Done($"./fabricish start {component}")
            : FaultStep.Failed($"./fabricish start {component} failed (exit {code}): {Last(output)}");
    }

    private static string Last(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}
