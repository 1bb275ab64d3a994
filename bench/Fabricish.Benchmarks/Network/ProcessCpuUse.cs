namespace Fabricish.Benchmarks.Network;

/// <summary>CPU a process (group) used over the measured window: cores busy on average, as % of one core and of the
/// machine, and as CPU milliseconds per transaction committed in the window (null when none committed).</summary>
public sealed record ProcessCpuUse(string Name, int Pid, double Cores, double PercentOfOneCore, double PercentOfMachine, double? MsPerCommittedTransaction);
