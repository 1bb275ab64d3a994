namespace Fabricish.Channels.Crypto.Generation;

/// <summary>The root of a cryptogen-style <c>crypto-config.yaml</c>.</summary>
public sealed class CryptoConfigSpec
{
    public List<OrgSpec> OrdererOrgs { get; set; } = [];

    public List<OrgSpec> PeerOrgs { get; set; } = [];
}
