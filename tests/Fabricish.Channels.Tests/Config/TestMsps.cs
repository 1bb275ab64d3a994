using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Profile;
using Fabricish.Channels.Crypto;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Channels.Tests.Config;

/// <summary>Verifying MSP configs for the sample network's organizations, each from a fresh root CA, so genesis tests
/// need no MSP folders on disk.</summary>
public sealed class TestMsps : IDisposable
{
    private readonly Dictionary<string, CertificateAuthority> _cas = new(StringComparer.Ordinal);

    public TestMsps()
    {
        Add("OrdererMSP", "example.com");
        Add("Org1MSP", "org1.example.com");
        Add("Org2MSP", "org2.example.com");
    }

    public IReadOnlyDictionary<string, MSPConfig> Configs { get; private set; } = new Dictionary<string, MSPConfig>();

    public string SampleYaml => Path.Combine(Fabricish.Testing.RepoPaths.Root, "samples", "network", "channel.yaml");

    public ConfigResult<MSPConfig> Source(OrganizationSpec org) =>
        Configs.TryGetValue(org.Id, out MSPConfig? config)
            ? ConfigResult<MSPConfig>.Ok(config)
            : ConfigResult<MSPConfig>.Fail($"no test MSP for {org.Id}");

    public string RootPem(string mspId) => _cas[mspId].CertificatePem;

    private void Add(string mspId, string domain)
    {
        var ca = CertificateAuthority.CreateRoot(new CaSubject(domain, "ca." + domain));
        _cas[mspId] = ca;
        var fabric = new FabricMSPConfig
        {
            Name = mspId,
            CryptoConfig = new FabricCryptoConfig { SignatureHashFamily = "SHA2", IdentityIdentifierHashFunction = "SHA256" },
        };
        fabric.RootCerts.Add(ByteString.CopyFromUtf8(ca.CertificatePem));
        fabric.TlsRootCerts.Add(ByteString.CopyFromUtf8(ca.CertificatePem));
        Configs = new Dictionary<string, MSPConfig>(Configs) { [mspId] = new MSPConfig { Type = 0, Config = fabric.ToByteString() } };
    }

    public void Dispose()
    {
        foreach (CertificateAuthority ca in _cas.Values)
        {
            ca.Dispose();
        }
    }
}
