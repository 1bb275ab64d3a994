namespace Fabricish.Benchmarks.Network;

/// <summary>One organization of a connection profile: its peer's gateway and the client user's certificate and key.</summary>
public sealed record OrgEndpoint(string Name, string MspId, string PeerName, NodeEndpoint Peer, string CertificatePath, string PrivateKeyPath);
