using System.Globalization;

namespace Fabricish.Testing;

/// <summary>The sample network's crypto material as <c>fabricish crypto generate</c> (cryptogen's layout) writes it from
/// samples/network/crypto.yaml, with Org3, Org4, … added the way the sample names Org1 and Org2, and where each
/// identity's MSP folder lands.</summary>
public static class SampleCrypto
{
    /// <summary>samples/network/crypto.yaml: OrdererOrg (orderer0.example.com), Org1 and Org2 with one peer and one user.</summary>
    public static string CryptoYaml => SamplePath("crypto.yaml");

    /// <summary>samples/network/channel.yaml, whose TwoOrgsChannel profile names Org1 and Org2.</summary>
    public static string ChannelYaml => SamplePath("channel.yaml");

    public static string SamplePath(string file) => Path.Combine(RepoPaths.Root, "samples", "network", file);

    /// <summary>samples/network/crypto.yaml with <paramref name="extraOrgs"/> (3 for Org3, …) added, written to
    /// <paramref name="directory"/>/crypto.yaml.</summary>
    /// <returns>The written file.</returns>
    public static async Task<string> WriteCryptoYamlAsync(string directory, params int[] extraOrgs)
    {
        ArgumentNullException.ThrowIfNull(extraOrgs);
        string path = Path.Combine(directory, "crypto.yaml");
        string orgs = string.Concat(extraOrgs.Select(org => string.Create(CultureInfo.InvariantCulture, $"""

              - Name: Org{org}
                Domain: {Domain(org)}
                EnableNodeOUs: true
                Template:
                  Count: 1
                Users:
                  Count: 1

            """)));
        await File.WriteAllTextAsync(path, await File.ReadAllTextAsync(CryptoYaml) + orgs);
        return path;
    }

    public static string Domain(int org) => string.Create(CultureInfo.InvariantCulture, $"org{org}.example.com");

    /// <summary>The organization's MSP folder (its CA, TLS CA and admin certificates), as a channel profile reads it.</summary>
    public static string OrgMsp(string crypto, int org) => Path.Combine(crypto, "peerOrganizations", Domain(org), "msp");

    /// <summary>peer0's MSP folder in the org of <paramref name="domain"/> (e.g. org1.example.com).</summary>
    public static string PeerMsp(string crypto, string domain) =>
        Path.Combine(crypto, "peerOrganizations", domain, "peers", "peer0." + domain, "msp");

    public static string PeerMsp(string crypto, int org) => PeerMsp(crypto, Domain(org));

    /// <summary>The MSP folder of <paramref name="user"/>@<paramref name="domain"/> (e.g. User1, Admin).</summary>
    public static string UserMsp(string crypto, string domain, string user) =>
        Path.Combine(crypto, "peerOrganizations", domain, "users", $"{user}@{domain}", "msp");

    public static string UserMsp(string crypto, int org, string user) => UserMsp(crypto, Domain(org), user);

    public static string AdminMsp(string crypto, int org) => UserMsp(crypto, org, "Admin");

    /// <summary>orderer0.example.com's MSP folder.</summary>
    public static string OrdererMsp(string crypto) =>
        Path.Combine(crypto, "ordererOrganizations", "example.com", "orderers", "orderer0.example.com", "msp");
}
