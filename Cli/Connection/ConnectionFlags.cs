namespace Fabricish.Cli.Connection;

/// <summary>The connection and identity switches as given on the command line (null when absent); they override the
/// environment, which overrides the connection profile.</summary>
public sealed record ConnectionFlags(
    string? ProfilePath = null,
    string? Peer = null,
    string? PeerTlsRootCertFile = null,
    string? MspDir = null,
    string? MspId = null,
    string? Orderer = null,
    string? OrdererTlsCaFile = null,
    string? OrdererServerNameOverride = null,
    bool Tls = false);
