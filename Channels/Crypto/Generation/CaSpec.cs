namespace Fabricish.Channels.Crypto.Generation;

/// <summary>How an organisation's CAs are named (cryptogen's CA node spec).</summary>
public sealed class CaSpec
{
    public string? Hostname { get; set; }

    public string? CommonName { get; set; }

    public string? Country { get; set; }

    public string? Province { get; set; }

    public string? Locality { get; set; }

    public string? OrganizationalUnit { get; set; }
}
