using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Crypto.Tls;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Fabricish.Hosting;

/// <summary>
/// A node's gRPC listener TLS (orderer General.TLS, peer peer.tls), shared by both hosts: the node's certificate and
/// key, the roots its own certificate must chain to, and optionally mutual TLS against client root CAs. Settings are
/// checked by <see cref="Validate"/> when the host starts, so loading for Kestrel afterwards cannot fail on them.
/// </summary>
public sealed class NodeTlsServer
{
    private NodeTlsServer(X509Certificate2 certificate, X509Certificate2Collection chain, bool clientAuthRequired, X509Certificate2Collection clientRoots)
    {
        Certificate = certificate;
        Chain = chain;
        ClientAuthRequired = clientAuthRequired;
        ClientRoots = clientRoots;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>Intermediates that follow the certificate in its file, sent in the handshake.</summary>
    public X509Certificate2Collection Chain { get; }

    public bool ClientAuthRequired { get; }

    public X509Certificate2Collection ClientRoots { get; }

    /// <summary>Adds to <paramref name="failures"/> what is wrong with a node's TLS settings, each naming the setting
    /// (<c>{section}:Tls:KeyFile</c>) and the file.</summary>
    /// <param name="section">Where the Tls settings live: <c>Orderer</c>, <c>Peer</c>, <c>Orderer:Admin</c>.</param>
    /// <param name="rootsSetting">The name of the node's own roots setting (RootCAs on the orderer, RootCertFile on the peer).</param>
    public static void Validate(
        ICollection<string> failures, string section, string? certFile, string? keyFile, string rootsSetting, string? rootFiles,
        bool clientAuthRequired, string? clientRootFiles)
    {
        ArgumentNullException.ThrowIfNull(failures);
        string prefix = section + ":Tls:";
        string variable = "FABRICISH_" + prefix.Replace(":", "__", StringComparison.Ordinal);
        X509Certificate2? certificate = null;
        X509Certificate2Collection intermediates = [];
        if (string.IsNullOrWhiteSpace(certFile))
        {
            failures.Add($"{prefix}CertFile is required when {prefix}Enabled is true ({variable}CertFile)");
        }
        else if (!TlsPemFiles.TryLoadCertificates(certFile, out _, out string? error))
        {
            failures.Add($"{prefix}CertFile: {error}");
        }
        else if (string.IsNullOrWhiteSpace(keyFile))
        {
            failures.Add($"{prefix}KeyFile is required when {prefix}Enabled is true ({variable}KeyFile)");
        }
        else if (!TlsPemFiles.TryLoadKeyPair(certFile, keyFile, out certificate, out intermediates, out error))
        {
            failures.Add($"{prefix}KeyFile: {error}");
        }

        using (certificate)
        {
            IReadOnlyList<string> roots = TlsPemFiles.SplitList(rootFiles);
            if (roots.Count > 0)
            {
                if (!TlsPemFiles.TryLoadCertificates(roots, out X509Certificate2Collection anchors, out string? error))
                {
                    failures.Add($"{prefix}{rootsSetting}: {error}");
                }
                else if (certificate is not null
                    && TlsCertificateCheck.Problem(certificate, null, new TlsTrust([.. anchors], [.. intermediates]), null) is { } problem)
                {
                    failures.Add($"{prefix}CertFile '{certFile}' is not issued by {prefix}{rootsSetting} ({rootFiles}): {problem}");
                }
            }
        }

        IReadOnlyList<string> clientRoots = TlsPemFiles.SplitList(clientRootFiles);
        if (clientAuthRequired && clientRoots.Count == 0)
        {
            failures.Add($"{prefix}ClientRootCAs is required when {prefix}ClientAuthRequired is true");
        }
        else if (!TlsPemFiles.TryLoadCertificates(clientRoots, out _, out string? error))
        {
            failures.Add($"{prefix}ClientRootCAs: {error}");
        }
    }

    /// <summary>Loads settings <see cref="Validate"/> accepted.</summary>
    public static NodeTlsServer Load(string certFile, string keyFile, bool clientAuthRequired, string? clientRootFiles)
    {
        if (!TlsPemFiles.TryLoadKeyPair(certFile, keyFile, out X509Certificate2? certificate, out X509Certificate2Collection chain, out string? error)
            || !TlsPemFiles.TryLoadCertificates(TlsPemFiles.SplitList(clientRootFiles), out X509Certificate2Collection clientRoots, out error))
        {
            throw new InvalidOperationException("TLS settings changed after validation: " + error);
        }

        return new NodeTlsServer(certificate!, chain, clientAuthRequired, clientRoots);
    }

    public void Configure(HttpsConnectionAdapterOptions https)
    {
        ArgumentNullException.ThrowIfNull(https);
        https.ServerCertificate = Certificate;
        https.ServerCertificateChain = Chain;
        https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
        if (!ClientAuthRequired)
        {
            return;
        }

        https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
        var trust = new TlsTrust([.. ClientRoots], []);
        https.ClientCertificateValidation = (certificate, chain, _) => TlsCertificateCheck.Problem(certificate, chain, trust, null) is null;
    }
}
