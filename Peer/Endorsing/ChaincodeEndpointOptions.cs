namespace Fabricish.Peer.Endorsing;

/// <summary>One chaincode run as a service, as Fabric's ccaas connection.json describes it plus the name and version
/// a committed definition would give.</summary>
public sealed class ChaincodeEndpointOptions
{
    /// <summary>The chaincode name proposals invoke, which is also its state namespace.</summary>
    public string Name { get; set; } = string.Empty;

    public string Version { get; set; } = "1.0";

    /// <summary>The id the chaincode registers with (its CHAINCODE_ID); <c>{Name}_{Version}</c> when not set.</summary>
    public string? PackageId { get; set; }

    /// <summary><c>host:port</c> the chaincode server listens on.</summary>
    public string Address { get; set; } = string.Empty;

    /// <summary>The channels the chaincode is defined on; empty means every channel the peer has joined.</summary>
    public IList<string> Channels { get; } = [];

    /// <summary>Null for plaintext; otherwise the chaincode server is dialled with TLS.</summary>
    public ChaincodeTlsOptions? Tls { get; set; }

    public string EffectivePackageId => string.IsNullOrEmpty(PackageId) ? $"{Name}_{Version}" : PackageId;
}
