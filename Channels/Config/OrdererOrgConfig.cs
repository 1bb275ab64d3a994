using Fabricish.Protos.Msp;

namespace Fabricish.Channels.Config;

/// <summary>An ordering organization of a channel: its group name, MSP, and the endpoints of its orderers.</summary>
public sealed record OrdererOrgConfig(string Name, string MspId, IReadOnlyList<string> Endpoints, MSPConfig Msp);
