using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Protos;
using Grpc.Net.Client;

namespace Fabricish.Client;

/// <summary>gRPC channels to peers and orderers from the addresses Fabric's connection profiles and environment use:
/// <c>grpc://host:port</c> (plain), <c>grpcs://host:port</c> (TLS) or bare <c>host:port</c> (TLS when a CA is given).
/// TLS trusts only the given CA certificates and checks the server name, or the <c>ssl-target-name-override</c>.</summary>
public static class GrpcConnections
{
    public static GrpcChannel Create(string address, string? tlsRootCertPem = null, string? serverNameOverride = null)
    {
        Uri uri = ParseAddress(address, tlsRootCertPem is not null);
        if (uri.Scheme == Uri.UriSchemeHttp)
        {
            return GrpcChannel.ForAddress(uri, Limits(new GrpcChannelOptions()));
        }

        if (string.IsNullOrEmpty(tlsRootCertPem))
        {
            throw new ArgumentException($"'{address}' uses TLS; the server's TLS CA certificate is required", nameof(tlsRootCertPem));
        }

        var roots = new X509Certificate2Collection();
        roots.ImportFromPem(tlsRootCertPem);
        string expectedName = string.IsNullOrEmpty(serverNameOverride) ? uri.Host : serverNameOverride;
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            SslOptions = new SslClientAuthenticationOptions
            {
                // HttpClient checks the name against the URI's host; with an override the certificate carries another
                // name, so the callback checks the expected name itself.
                RemoteCertificateValidationCallback = (_, certificate, _, _) => Trusted(certificate, expectedName, roots),
            },
        };
        return GrpcChannel.ForAddress(uri, Limits(new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true }));
    }

    /// <summary>Fabric's client limits: blocks and transactions as large as a channel allows, not gRPC's 4 MB.</summary>
    private static GrpcChannelOptions Limits(GrpcChannelOptions options)
    {
        options.MaxReceiveMessageSize = CommDefaults.MaxRecvMsgSize;
        options.MaxSendMessageSize = CommDefaults.MaxSendMsgSize;
        return options;
    }

    /// <summary>The address as an http(s) URI; throws <see cref="ArgumentException"/> saying which forms are accepted.</summary>
    public static Uri ParseAddress(string address, bool tls = false) =>
        TryParseAddress(address, tls, out Uri? uri, out string? error) ? uri! : throw new ArgumentException(error, nameof(address));

    /// <returns>Whether <paramref name="address"/> is host:port, grpc://host:port, grpcs://host:port or http(s)://host:port;
    /// a bare host:port means TLS when <paramref name="tls"/> is set.</returns>
    public static bool TryParseAddress(string address, bool tls, out Uri? uri, out string? error)
    {
        ArgumentNullException.ThrowIfNull(address);
        string url = address switch
        {
            _ when address.StartsWith("grpc://", StringComparison.OrdinalIgnoreCase) => "http://" + address["grpc://".Length..],
            _ when address.StartsWith("grpcs://", StringComparison.OrdinalIgnoreCase) => "https://" + address["grpcs://".Length..],
            _ when address.Contains("://", StringComparison.Ordinal) => address,
            _ => (tls ? "https://" : "http://") + address,
        };
        if (!Uri.TryCreate(url, UriKind.Absolute, out uri) || uri.Scheme is not ("http" or "https") || uri.IsDefaultPort || uri.AbsolutePath != "/")
        {
            uri = null;
            error = $"'{address}' is not a node address: use host:port, grpc://host:port or grpcs://host:port";
            return false;
        }

        error = null;
        return true;
    }

    private static bool Trusted(X509Certificate? certificate, string expectedName, X509Certificate2Collection roots)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = new X509Certificate2(certificate);
        return server.MatchesHostname(expectedName) && chain.Build(server);
    }
}
