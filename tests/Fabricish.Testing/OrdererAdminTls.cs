using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Crypto;
using Fabricish.Channels.Crypto.Tls;

namespace Fabricish.Testing;

/// <summary>
/// What an orderer's admin listener needs in a test, as Fabric's test network sets it up: the orderer organization's
/// TLS CA, the node's TLS pair for the listener, the CA as the listener's client roots, and the org Admin's TLS client
/// pair for osnadmin-style clients (cryptogen's <c>users/Admin@example.com/tls</c>).
/// </summary>
public sealed class OrdererAdminTls : IDisposable
{
    private OrdererAdminTls(CertificateAuthority ca, TlsFiles server, TlsFiles admin)
    {
        Ca = ca;
        Server = server;
        Admin = admin;
    }

    /// <summary>The orderer organization's TLS CA (tlsca.example.com).</summary>
    public CertificateAuthority Ca { get; }

    public TlsFiles Server { get; }

    public TlsFiles Admin { get; }

    public static OrdererAdminTls Write(string directory)
    {
        var ca = CertificateAuthority.CreateRoot(new CaSubject("example.com", "tlsca.example.com"));
        TlsFiles server = TlsFiles.Write(Path.Combine(directory, "orderer-tls"), ca, "orderer0.example.com");
        TlsFiles admin = TlsFiles.Write(Path.Combine(directory, "admin-tls"), ca, "Admin@example.com", "client");
        return new OrdererAdminTls(ca, server, admin);
    }

    /// <summary>The orderer's Orderer:Admin:Tls settings.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Orderer:Admin:Tls:Enabled"] = "true",
        ["Orderer:Admin:Tls:CertFile"] = Server.CertFile,
        ["Orderer:Admin:Tls:KeyFile"] = Server.KeyFile,
        ["Orderer:Admin:Tls:RootCAs"] = Server.CaFile,
        ["Orderer:Admin:Tls:ClientAuthRequired"] = "true",
        ["Orderer:Admin:Tls:ClientRootCAs"] = Server.CaFile,
    };

    /// <summary>The same settings as orderer command-line arguments.</summary>
    public IEnumerable<string> Arguments => Settings.SelectMany(s => new[] { "--" + s.Key, s.Value! });

    /// <summary>osnadmin's flags for the org Admin: <c>--ca-file</c>, <c>--client-cert</c>, <c>--client-key</c>.</summary>
    public IEnumerable<string> CliArguments => ["--ca-file", Server.CaFile, "--client-cert", Admin.CertFile, "--client-key", Admin.KeyFile];

    /// <summary>An HTTPS client of the admin listener on 127.0.0.1 presenting the org Admin's certificate.</summary>
    public HttpClient CreateAdminClient(int port, TimeSpan timeout) => CreateClient(port, timeout, Admin);

    /// <summary>An HTTPS client that trusts the orderer's TLS CA and presents <paramref name="client"/>'s pair, if any.</summary>
    public HttpClient CreateClient(int port, TimeSpan timeout, TlsFiles? client)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = TrustsCa;
        if (client is not null)
        {
            handler.SslOptions.ClientCertificates = [X509Certificate2.CreateFromPemFile(client.CertFile, client.KeyFile)];
        }

        return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}"), Timeout = timeout };
    }

    public void Dispose() => Ca.Dispose();

    private bool TrustsCa(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        TlsCertificateCheck.Problem(certificate, chain, new TlsTrust([Ca.Certificate], []), "127.0.0.1") is null;
}
