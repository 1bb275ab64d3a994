namespace Fabricish.Benchmarks.Chaos;

/// <summary>A stall without a crash: SIGSTOP to a component's process group (its sockets stay open and silent, as a
/// long GC pause or a swapped-out host looks to its peers), SIGCONT after the hold.</summary>
public sealed class ProcessFreezeFault(string name, string component, TimeSpan hold) : IChaosFault
{
    public string Name { get; } = name;

    public TimeSpan Hold { get; } = hold;

    public bool NeedsHosts => false;

    public async Task<FaultStep> InjectAsync(ChaosContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await context.Network.SignalAsync(component, "STOP", cancellationToken).ConfigureAwait(false)
            ? FaultStep.Done($"kill -STOP {component}")
            : FaultStep.Failed($"{component} was not running: nothing to freeze");
    }

    public async Task<FaultStep> HealAsync(ChaosContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await context.Network.SignalAsync(component, "CONT", cancellationToken).ConfigureAwait(false)
            ? FaultStep.Done($"kill -CONT {component}")
            : FaultStep.Failed($"{component} is gone: it cannot be thawed");
    }
}
