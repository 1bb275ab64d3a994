using System.Security.Cryptography.X509Certificates;

namespace Fabricish.Endorser.Chaincode;

/// <summary>TLS towards a chaincode server, as connection.json's root_cert and client_cert/client_key: the server
/// must chain to <see cref="RootCertificates"/>; <see cref="ClientCertificate"/> (with its key) is presented when
/// the chaincode requires mutual TLS.</summary>
public sealed record ChaincodeTlsSettings(X509Certificate2Collection RootCertificates, X509Certificate2? ClientCertificate = null);
