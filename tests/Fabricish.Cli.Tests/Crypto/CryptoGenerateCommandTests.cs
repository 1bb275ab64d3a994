using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Msp;
using Fabricish.Testing;

namespace Fabricish.Cli.Tests.Crypto;

public sealed class CryptoGenerateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fx-crypto-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Generate_writes_cryptogen_layout_for_the_sample_network()
    {
        string output = Path.Combine(_dir, "crypto");
        string sample = Path.Combine(RepoPaths.Root, "samples", "network", "crypto.yaml");

        var (exit, stdout, stderr) = await Run("crypto", "generate", "--config", sample, "--output", output);

        Assert.True(exit == 0, stderr);
        Assert.Contains("Org1: org1.example.com", stdout, StringComparison.Ordinal);
        string org1 = Path.Combine(output, "peerOrganizations", "org1.example.com");
        string orderers = Path.Combine(output, "ordererOrganizations", "example.com");
        string[] expected =
        [
            Path.Combine(org1, "ca", "ca.org1.example.com-cert.pem"),
            Path.Combine(org1, "ca", "priv_sk"),
            Path.Combine(org1, "tlsca", "tlsca.org1.example.com-cert.pem"),
            Path.Combine(org1, "msp", "cacerts", "ca.org1.example.com-cert.pem"),
            Path.Combine(org1, "msp", "tlscacerts", "tlsca.org1.example.com-cert.pem"),
            Path.Combine(org1, "msp", "config.yaml"),
            Path.Combine(org1, "peers", "peer0.org1.example.com", "msp", "signcerts", "peer0.org1.example.com-cert.pem"),
            Path.Combine(org1, "peers", "peer0.org1.example.com", "msp", "keystore", "priv_sk"),
            Path.Combine(org1, "peers", "peer0.org1.example.com", "tls", "server.key"),
            Path.Combine(org1, "users", "User1@org1.example.com", "tls", "client.crt"),
            Path.Combine(org1, "users", "Admin@org1.example.com", "msp", "signcerts", "Admin@org1.example.com-cert.pem"),
            Path.Combine(output, "peerOrganizations", "org2.example.com", "peers", "peer0.org2.example.com", "tls", "ca.crt"),
            Path.Combine(orderers, "orderers", "orderer2.example.com", "tls", "server.crt"),
            Path.Combine(orderers, "users", "Admin@example.com", "msp", "keystore", "priv_sk"),
        ];
        Assert.All(expected, path => Assert.True(File.Exists(path), $"missing {path}"));
        Assert.Empty(Directory.GetFiles(Path.Combine(org1, "msp", "admincerts")));
        Assert.False(Directory.Exists(Path.Combine(orderers, "users", "User1@example.com")));

        using var tls = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(orderers, "orderers", "orderer0.example.com", "tls", "server.crt")));
        var sans = tls.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["orderer0.example.com", "orderer0", "localhost"], sans.EnumerateDnsNames());
        Assert.Equal("127.0.0.1", sans.EnumerateIPAddresses().Single().ToString());

        using var orderer = MspDirectory.LoadSigningIdentity(Path.Combine(orderers, "orderers", "orderer0.example.com", "msp"), "OrdererMSP");
        var msp = FabricMsp.Create(MspDirectory.LoadConfig(Path.Combine(orderers, "msp"), "OrdererMSP"));
        var identity = Assert.IsType<X509Identity>(msp.DeserializeIdentity(orderer.Serialize()).Identity);
        Assert.Equal(NodeRole.Orderer, identity.Role);
    }

    [Fact]
    public async Task Bad_config_exits_non_zero_naming_the_problem_and_writes_nothing()
    {
        string config = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(config, """
            PeerOrgs:
              - Name: Org1
                Template:
                  Count: 1
            """);
        string output = Path.Combine(_dir, "out");

        var (exit, _, stderr) = await Run("crypto", "generate", "--config", config, "--output", output);

        Assert.NotEqual(0, exit);
        Assert.Contains("PeerOrgs[0] (Org1): Domain", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Unknown_key_in_config_is_reported_with_its_line()
    {
        string config = Path.Combine(_dir, "typo.yaml");
        File.WriteAllText(config, "PeerOrgs:\n  - Name: Org1\n    Domian: org1.example.com\n");

        var (exit, _, stderr) = await Run("crypto", "generate", "--config", config, "--output", Path.Combine(_dir, "out"));

        Assert.NotEqual(0, exit);
        Assert.Contains("line 3", stderr, StringComparison.Ordinal);
        Assert.Contains("Domian", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Existing_material_is_not_overwritten_without_force()
    {
        string config = Path.Combine(_dir, "one.yaml");
        File.WriteAllText(config, "PeerOrgs:\n  - Name: Org1\n    Domain: org1.example.com\n    EnableNodeOUs: true\n");
        string output = Path.Combine(_dir, "out");
        Assert.Equal(0, (await Run("crypto", "generate", "--config", config, "--output", output)).Exit);
        string caCert = Path.Combine(output, "peerOrganizations", "org1.example.com", "ca", "ca.org1.example.com-cert.pem");
        string before = File.ReadAllText(caCert);

        var refused = await Run("crypto", "generate", "--config", config, "--output", output);
        string afterRefusal = File.ReadAllText(caCert);
        var forced = await Run("crypto", "generate", "--config", config, "--output", output, "--force");

        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("--force", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, afterRefusal);
        Assert.Equal(0, forced.Exit);
        Assert.NotEqual(before, File.ReadAllText(caCert));
    }

    [Fact]
    public async Task Missing_config_file_exits_non_zero()
    {
        var (exit, _, stderr) = await Run("crypto", "generate", "--config", Path.Combine(_dir, "nope.yaml"), "--output", _dir);

        Assert.NotEqual(0, exit);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = await CliRoot.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
