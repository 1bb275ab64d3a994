using System.Net;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;

namespace Fabricish.Channels.Tests.Crypto;

public sealed class CertificateAuthorityTests
{
    [Fact]
    public void Root_CA_subject_is_encoded_C_ST_L_O_CN_like_cryptogen()
    {
        using var ca = CertificateAuthority.CreateRoot(new CaSubject("org1.example.com", "ca.org1.example.com"));

        var oids = ca.Certificate.SubjectName.EnumerateRelativeDistinguishedNames(reversed: false)
            .Select(rdn => rdn.GetSingleElementType().Value).ToList();

        Assert.Equal(["2.5.4.6", "2.5.4.8", "2.5.4.7", "2.5.4.10", "2.5.4.3"], oids);
        Assert.True(ca.Certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
    }

    [Fact]
    public void Issued_leaf_carries_the_role_OU_SANs_and_requested_validity()
    {
        using var ca = CertificateAuthority.CreateRoot(new CaSubject("org1.example.com", "ca.org1.example.com"));
        var notBefore = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        using var leaf = ca.Issue(new CertificateProfile("peer0.org1.example.com")
        {
            Role = NodeRole.Peer,
            DnsNames = ["peer0.org1.example.com", "localhost"],
            IpAddresses = [IPAddress.Loopback],
            NotBefore = notBefore,
            NotAfter = notBefore.AddDays(1),
        });

        Assert.Contains("OU=peer", leaf.Certificate.Subject, StringComparison.Ordinal);
        var sans = leaf.Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["peer0.org1.example.com", "localhost"], sans.EnumerateDnsNames());
        Assert.Equal([IPAddress.Loopback], sans.EnumerateIPAddresses());
        Assert.Equal(notBefore.UtcDateTime, leaf.Certificate.NotBefore.ToUniversalTime());
        Assert.Equal(ca.Certificate.SubjectName.RawData, leaf.Certificate.IssuerName.RawData);
    }
}
