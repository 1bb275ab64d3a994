using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Crypto.Tls;

namespace Fabricish.Cli;

/// <summary>
/// osnadmin's TLS flags for a node's admin endpoint: <c>--ca-file</c> (the TLS CA the endpoint's certificate must chain
/// to; giving it makes host:port mean https) and the client pair <c>--client-cert</c>/<c>--client-key</c> an orderer's
/// admin listener requires — in cryptogen's layout the orderer org Admin's <c>users/Admin@&lt;domain&gt;/tls/client.crt</c>
/// and <c>client.key</c>.
/// </summary>
internal sealed record AdminTls(string? CaFile, string? ClientCertFile, string? ClientKeyFile)
{
    public static AdminTls None { get; } = new(null, null, null);

    public bool IsEnabled => CaFile is not null;

    /// <summary>An HTTP handler presenting the client pair and trusting only the CA file, or why the files cannot be
    /// used; null handler and null error when no TLS flag was given.</summary>
    /// <param name="host">The host the endpoint's certificate must be valid for (DNS name or IP address).</param>
    public SocketsHttpHandler? TryCreateHandler(string host, out string? error)
    {
        error = null;
        if (!IsEnabled)
        {
            error = ClientCertFile is null && ClientKeyFile is null ? null : "--client-cert and --client-key need --ca-file, the admin endpoint's TLS CA";
            return null;
        }

        if ((ClientCertFile is null) != (ClientKeyFile is null))
        {
            error = "--client-cert and --client-key go together";
            return null;
        }

        if (!TlsPemFiles.TryLoadCertificates(CaFile!, out X509Certificate2Collection roots, out string? problem))
        {
            error = $"--ca-file: {problem}";
            return null;
        }

        var handler = new SocketsHttpHandler();
        var trust = new TlsTrust([.. roots], []);
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
            TlsCertificateCheck.Problem(certificate, chain, trust, host) is null;
        if (ClientCertFile is not null)
        {
            if (!TlsPemFiles.TryLoadKeyPair(ClientCertFile, ClientKeyFile!, out X509Certificate2? client, out _, out problem))
            {
                handler.Dispose();
                error = $"--client-cert/--client-key: {problem}";
                return null;
            }

            handler.SslOptions.ClientCertificates = [client!];
        }

        return handler;
    }
}
