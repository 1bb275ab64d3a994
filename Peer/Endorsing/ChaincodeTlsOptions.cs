namespace Fabricish.Peer.Endorsing;

/// <summary>connection.json's TLS part as PEM files: the root the chaincode's certificate must chain to, and the
/// client certificate and key the peer presents when the chaincode requires mutual TLS.</summary>
public sealed class ChaincodeTlsOptions
{
    public string RootCertFile { get; set; } = string.Empty;

    public string? ClientCertFile { get; set; }

    public string? ClientKeyFile { get; set; }
}
