using Fabricish.Channels.Crypto;
using Fabricish.Orderer.Host;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace Fabricish.Orderer.Tests.Host;

/// <summary>General.TLS settings are checked when the orderer starts: every missing, unreadable or mismatched file is
/// named with its setting, and nothing is checked while TLS is off.</summary>
public sealed class OrdererTlsOptionsTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new("orderer-tls-options");
    private readonly CertificateAuthority _ca = CertificateAuthority.CreateRoot(new CaSubject("example.com", "tlsca.example.com"));
    private readonly CertificateAuthority _otherCa = CertificateAuthority.CreateRoot(new CaSubject("other.com", "tlsca.other.com"));

    [Fact]
    public async Task Host_with_a_missing_TLS_key_file_refuses_to_start_naming_the_setting_and_the_file()
    {
        TlsFiles tls = TlsFiles.Write(_scratch.Sub("tls"), _ca, "orderer0.example.com");
        string missingKey = Path.Combine(_scratch.FullPath, "tls", "no-such.key");
        WebApplicationBuilder builder = OrdererHost.CreateBuilder([], Settings(tls, missingKey));

        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using WebApplication app = OrdererHost.Build(builder);
            await app.StartAsync();
        });

        string failure = Assert.Single(error.Failures);
        Assert.StartsWith("Orderer:Tls:KeyFile:", failure, StringComparison.Ordinal);
        Assert.Contains($"'{missingKey}' does not exist", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_certificate_key_of_another_certificate_and_foreign_root_are_each_named()
    {
        TlsFiles tls = TlsFiles.Write(_scratch.Sub("tls"), _ca, "orderer0.example.com");
        TlsFiles other = TlsFiles.Write(_scratch.Sub("other"), _otherCa, "orderer0.other.com");
        string garbage = Path.Combine(_scratch.FullPath, "garbage.crt");
        File.WriteAllText(garbage, "not a certificate");

        Assert.Contains($"Orderer:Tls:CertFile: '{garbage}' holds no PEM certificate", Failures(new OrdererTlsOptions { Enabled = true, CertFile = garbage, KeyFile = tls.KeyFile }));
        Assert.Contains(Failures(new OrdererTlsOptions { Enabled = true, CertFile = tls.CertFile, KeyFile = other.KeyFile }), f =>
            f.StartsWith($"Orderer:Tls:KeyFile: '{other.KeyFile}' is not the private key of the certificate in '{tls.CertFile}'", StringComparison.Ordinal));
        Assert.Contains(Failures(new OrdererTlsOptions { Enabled = true, CertFile = tls.CertFile, KeyFile = tls.KeyFile, RootCAs = other.CaFile }), f =>
            f.StartsWith($"Orderer:Tls:CertFile '{tls.CertFile}' is not issued by Orderer:Tls:RootCAs", StringComparison.Ordinal));
        Assert.Contains("Orderer:Tls:ClientRootCAs is required when Orderer:Tls:ClientAuthRequired is true",
            Failures(new OrdererTlsOptions { Enabled = true, CertFile = tls.CertFile, KeyFile = tls.KeyFile, ClientAuthRequired = true }));
        Assert.Contains("Orderer:Tls:CertFile is required when Orderer:Tls:Enabled is true (FABRICISH_Orderer__Tls__CertFile)",
            Failures(new OrdererTlsOptions { Enabled = true }));
    }

    [Fact]
    public void Valid_material_passes_and_TLS_off_ignores_the_file_settings()
    {
        TlsFiles tls = TlsFiles.Write(_scratch.Sub("tls"), _ca, "orderer0.example.com");

        Assert.Empty(Failures(new OrdererTlsOptions
        {
            Enabled = true, CertFile = tls.CertFile, KeyFile = tls.KeyFile, RootCAs = tls.CaFile, ClientAuthRequired = true, ClientRootCAs = tls.CaFile,
        }));
        Assert.Empty(Failures(new OrdererTlsOptions { Enabled = false, CertFile = "/no/such.crt", KeyFile = "/no/such.key" }));
    }

    public void Dispose()
    {
        _ca.Dispose();
        _otherCa.Dispose();
        _scratch.Dispose();
    }

    private List<string> Failures(OrdererTlsOptions tls)
    {
        TlsFiles admin = TlsFiles.Write(_scratch.Sub("admin-tls"), _ca, "orderer0.example.com");
        var options = new OrdererOptions
        {
            DataDir = _scratch.FullPath,
            MspId = "OrdererMSP",
            MspDir = _scratch.Sub("msp"),
            Tls = tls,
            Admin = new OrdererAdminOptions
            {
                Tls = new OrdererTlsOptions { Enabled = true, CertFile = admin.CertFile, KeyFile = admin.KeyFile, ClientAuthRequired = true, ClientRootCAs = admin.CaFile },
            },
        };
        Directory.CreateDirectory(Path.Combine(options.MspDir, "signcerts"));
        ValidateOptionsResult result = new OrdererOptionsValidator().Validate(null, options);
        return [.. result.Failures ?? []];
    }

    private Dictionary<string, string?> Settings(TlsFiles tls, string keyFile)
    {
        string msp = _scratch.Sub("msp");
        Directory.CreateDirectory(Path.Combine(msp, "signcerts"));
        int[] ports = FreePorts.Take(2);
        return new Dictionary<string, string?>
        {
            ["Orderer:ListenAddress"] = $"127.0.0.1:{ports[0]}",
            ["Orderer:AdminListenAddress"] = $"127.0.0.1:{ports[1]}",
            ["Orderer:DataDir"] = _scratch.Sub("data"),
            ["Orderer:MspDir"] = msp,
            ["Orderer:MspId"] = "OrdererMSP",
            ["Orderer:Tls:Enabled"] = "true",
            ["Orderer:Tls:CertFile"] = tls.CertFile,
            ["Orderer:Tls:KeyFile"] = keyFile,
            ["Orderer:Tls:RootCAs"] = tls.CaFile,
            ["Orderer:Admin:Tls:Enabled"] = "true",
            ["Orderer:Admin:Tls:CertFile"] = tls.CertFile,
            ["Orderer:Admin:Tls:KeyFile"] = tls.KeyFile,
            ["Orderer:Admin:Tls:ClientAuthRequired"] = "true",
            ["Orderer:Admin:Tls:ClientRootCAs"] = tls.CaFile,
        };
    }
}
