namespace Fabricish.Benchmarks.Network;

/// <summary>CPU a process (group) used over the measured window: cores busy on average, as % of one core and of the machine.</summary>
public sealed record ProcessCpuUse(string Name, int Pid, double Cores, double PercentOfOneCore, double PercentOfMachine);
