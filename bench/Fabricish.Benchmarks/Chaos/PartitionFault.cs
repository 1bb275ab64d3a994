namespace Fabricish.Benchmarks.Chaos;

/// <summary>A network partition, not a kill: every packet between two hosts is dropped (<c>./fabricish net partition</c>,
/// iptables in their namespaces), so connections hang instead of failing; healed with <c>./fabricish net heal</c>.</summary>
public sealed class PartitionFault(string hostA, string hostB, TimeSpan hold) : IChaosFault
{
    public string Name => "partition";

    public TimeSpan Hold { get; } = hold;

    public bool NeedsHosts => true;

    public async Task<FaultStep> InjectAsync(ChaosContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        (int code, string output) = await context.Network.FabricishAsync(cancellationToken, "net", "partition", hostA, hostB).ConfigureAwait(false);
        return code == 0
            ? FaultStep.Done($"{hostA} cut off from {hostB}")
            : FaultStep.Failed($"./fabricish net partition {hostA} {hostB} failed (exit {code}): {output.Trim()}");
    }

    public async Task<FaultStep> HealAsync(ChaosContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        (int code, string output) = await context.Network.FabricishAsync(cancellationToken, "net", "heal").ConfigureAwait(false);
        return code == 0
            ? FaultStep.Done("./fabricish net heal")
            : FaultStep.Failed($"./fabricish net heal failed (exit {code}): {output.Trim()}");
    }
}
