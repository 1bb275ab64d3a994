namespace Fabricish.Network.Tests.Up;

/// <summary>An organization of the running network with the files its clients use.</summary>
public sealed record NetworkOrg(string Name, string MspId, string Peer, string ConnectionProfile, string EnvFile, string AdminMsp, string UserMsp);
