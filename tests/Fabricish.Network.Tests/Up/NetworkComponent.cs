namespace Fabricish.Network.Tests.Up;

/// <summary>One process <c>./fabricish up</c> started, as network.json lists it: the address it serves (and its
/// admin/operations address, if any), its pid and its log file.</summary>
public sealed record NetworkComponent(string Name, string Address, string SecondaryAddress, int Pid, string Log);
