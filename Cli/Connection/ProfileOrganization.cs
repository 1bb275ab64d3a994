namespace Fabricish.Cli.Connection;

/// <summary>An organization entry of a connection profile: its MSP ID, its peers, and the client's certificate and key
/// (paths or inline PEM, as Fabric's common connection profile allows).</summary>
public sealed record ProfileOrganization(
    string Name,
    string MspId,
    IReadOnlyList<string> Peers,
    string? SignedCertPath,
    string? SignedCertPem,
    string? PrivateKeyPath,
    string? PrivateKeyPem);
