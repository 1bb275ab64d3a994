using System.Net;
using Fabricish.Channels.Msp;

namespace Fabricish.Channels.Crypto;

/// <summary>What a CA should put in a leaf certificate it issues.</summary>
public sealed record CertificateProfile(string CommonName)
{
    /// <summary>NodeOU role, written as the subject's OU (client, peer, orderer, admin); none when null.</summary>
    public NodeRole? Role { get; init; }

    /// <summary>Further subject OUs, after the role OU.</summary>
    public IReadOnlyList<string> OrganizationalUnits { get; init; } = [];

    public IReadOnlyList<string> DnsNames { get; init; } = [];

    public IReadOnlyList<IPAddress> IpAddresses { get; init; } = [];

    /// <summary>Defaults to the CA's clock rounded to the minute, less five minutes (as cryptogen).</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>Defaults to ten years after <see cref="NotBefore"/> (as cryptogen).</summary>
    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>A TLS certificate: key encipherment plus server and client auth, as cryptogen's tls folder.</summary>
    public bool ForTls { get; init; }
}
