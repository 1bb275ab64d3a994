using System.Security.Cryptography.X509Certificates;

namespace Fabricish.Channels.Crypto;

/// <summary>
/// A CA's distinguished name the way cryptogen builds it: C/ST/L from the CA spec (defaults US, California,
/// San Francisco), O = the organisation's domain, CN = <c>ca.&lt;domain&gt;</c> or <c>tlsca.&lt;domain&gt;</c>.
/// </summary>
public sealed record CaSubject(string Organization, string CommonName)
{
    public string Country { get; init; } = "US";

    public string Province { get; init; } = "California";

    public string Locality { get; init; } = "San Francisco";

    public string? OrganizationalUnit { get; init; }

    /// <summary>RDNs encoded in Go's pkix.Name order (C, ST, L, O, OU, CN) so certificates read like
    /// cryptogen's. The builder encodes the last-added RDN first, hence the reverse order of calls.</summary>
    public X500DistinguishedName ToDistinguishedName()
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(CommonName);
        if (!string.IsNullOrEmpty(OrganizationalUnit))
        {
            builder.AddOrganizationalUnitName(OrganizationalUnit);
        }

        builder.AddOrganizationName(Organization);
        AddLocation(builder);
        return builder.Build();
    }

    /// <summary>A leaf subject as cryptogen signs it: the CA's C/ST/L, the given OUs and CN, no O.</summary>
    internal X500DistinguishedName LeafName(string commonName, IEnumerable<string> organizationalUnits)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        foreach (string ou in organizationalUnits.Reverse())
        {
            builder.AddOrganizationalUnitName(ou);
        }

        if (!string.IsNullOrEmpty(OrganizationalUnit))
        {
            builder.AddOrganizationalUnitName(OrganizationalUnit);
        }

        AddLocation(builder);
        return builder.Build();
    }

    private void AddLocation(X500DistinguishedNameBuilder builder)
    {
        builder.AddLocalityName(Locality);
        builder.AddStateOrProvinceName(Province);
        builder.AddCountryOrRegion(Country);
    }
}
