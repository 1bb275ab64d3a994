using System.Net.Security;

namespace Fabricish.Channels.Crypto.Tls;

/// <summary>
/// The HTTP/2 handler every node-to-node gRPC connection is built on, plaintext or TLS: one place that decides from
/// an address whether to use TLS and checks the server against the caller's roots and the dialled name.
/// </summary>
public static class TlsClientHandler
{
    /// <summary>An HTTP handler for gRPC to <paramref name="address"/>. For an https address the server must pass
    /// <see cref="TlsCertificateCheck"/> against <see cref="TlsClientConfig.Trust"/> (the machine's store is never
    /// used) for the address host or <see cref="TlsClientConfig.ServerNameOverride"/>, and the client certificate is
    /// offered when the server requests one.</summary>
    /// <exception cref="ArgumentException">The address is TLS and <paramref name="tls"/> is null.</exception>
    public static SocketsHttpHandler Create(Uri address, TlsClientConfig? tls, TimeSpan? connectTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        if (connectTimeout is { } timeout)
        {
            handler.ConnectTimeout = timeout;
        }

        if (IsTls(address))
        {
            if (tls is null)
            {
                throw new ArgumentException($"'{address}' uses TLS, but no TLS trust is configured for it", nameof(tls));
            }

            string expectedHost = tls.ServerNameOverride ?? address.Host.Trim('[', ']');
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13,
                ClientCertificateContext = tls.ClientCertificate is { } client
                    ? SslStreamCertificateContext.Create(client, tls.ClientCertificateChain, offline: true)
                    : null,
                // The callback replaces the platform's checks entirely: the roots are the caller's, not the machine's.
                RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
                    TlsCertificateCheck.Problem(certificate, chain, tls.Trust(), expectedHost) is null,
            };
        }

        return handler;
    }

    /// <summary>The URI to dial for a node address: <c>grpcs://host:port</c> is TLS, <c>grpc://host:port</c>
    /// plaintext, <c>http(s)://</c> as written, and a bare <c>host:port</c> TLS when <paramref name="tlsByDefault"/>
    /// (the node's own TLS setting, as Fabric peers dial orderers with TLS when their peer.tls is enabled).</summary>
    public static Uri Address(string endpoint, bool tlsByDefault)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        string url = endpoint switch
        {
            _ when endpoint.StartsWith("grpcs://", StringComparison.OrdinalIgnoreCase) => "https://" + endpoint["grpcs://".Length..],
            _ when endpoint.StartsWith("grpc://", StringComparison.OrdinalIgnoreCase) => "http://" + endpoint["grpc://".Length..],
            _ when endpoint.Contains("://", StringComparison.Ordinal) => endpoint,
            _ => (tlsByDefault ? "https://" : "http://") + endpoint,
        };
        return new Uri(url);
    }

    public static bool IsTls(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.Scheme == Uri.UriSchemeHttps;
    }
}
