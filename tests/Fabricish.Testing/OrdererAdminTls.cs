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
    private readonly CertificateAuthority? _ca;
    private readonly X509Certificate2 _caCertificate;

    private OrdererAdminTls(CertificateAuthority? ca, TlsFiles server, TlsFiles admin)
    {
        _ca = ca;
        _caCertificate = X509Certificate2.CreateFromPem(server.CaPem);
        Server = server;
        Admin = admin;
    }

    /// <summary>The node's TLS pair; its CaFile is the orderer organization's TLS CA.</summary>
    public TlsFiles Server { get; }

    public TlsFiles Admin { get; }

    /// <summary>Fresh material from a new orderer org TLS CA (tlsca.example.com).</summary>
    public static OrdererAdminTls Write(string directory)
    {
        var ca = CertificateAuthority.CreateRoot(new CaSubject("example.com", "tlsca.example.com"));
        TlsFiles server = TlsFiles.Write(Path.Combine(directory, "orderer-tls"), ca, "orderer0.example.com");
        TlsFiles admin = TlsFiles.Write(Path.Combine(directory, "admin-tls"), ca, "Admin@example.com", "client");
        return new OrdererAdminTls(ca, server, admin);
    }

    /// <summary>The material <c>fabricish crypto generate</c> wrote under <paramref name="crypto"/> for the sample
    /// orderer org (domain example.com): the orderer's <c>tls/server.*</c>, the org's <c>tlsca</c>, and
    /// <c>users/Admin@example.com/tls/client.*</c>.</summary>
    public static OrdererAdminTls FromCryptogen(string crypto, string orderer = "orderer0")
    {
        string org = Path.Combine(crypto, "ordererOrganizations", "example.com");
        string caFile = Path.Combine(org, "tlsca", "tlsca.example.com-cert.pem");
        string caPem = File.ReadAllText(caFile);
        string node = Path.Combine(org, "orderers", orderer + ".example.com", "tls");
        string admin = Path.Combine(org, "users", "Admin@example.com", "tls");
        return new OrdererAdminTls(
            null,
            new TlsFiles(Path.Combine(node, "server.crt"), Path.Combine(node, "server.key"), caFile, caPem),
            new TlsFiles(Path.Combine(admin, "client.crt"), Path.Combine(admin, "client.key"), Path.Combine(admin, "ca.crt"), caPem));
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

    public void Dispose()
    {
        _caCertificate.Dispose();
        _ca?.Dispose();
    }

    private bool TrustsCa(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        TlsCertificateCheck.Problem(certificate, chain, new TlsTrust([_caCertificate], []), "127.0.0.1") is null;
}
