using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;

namespace Fabricish.Channels.Crypto.Tls;

/// <summary>The CAs a TLS peer's certificate must chain to: trust anchors plus intermediates that may complete the
/// chain (Fabric's tls_root_certs and tls_intermediate_certs). Built afresh for each handshake from whatever the caller
/// trusts at that moment, so a channel configuration update that adds an organization is followed.</summary>
public sealed record TlsTrust(IReadOnlyList<X509Certificate2> Roots, IReadOnlyList<X509Certificate2> Intermediates)
{
    public static TlsTrust Empty { get; } = new([], []);

    /// <summary>The given roots and the TLS CAs of every organization of the channels (orderer and application MSPs),
    /// as Fabric's peer trusts the organizations of the channels it has joined.</summary>
    public static TlsTrust FromChannels(IEnumerable<X509Certificate2> roots, IEnumerable<ChannelConfig> channels)
    {
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentNullException.ThrowIfNull(channels);
        var anchors = new List<X509Certificate2>(roots);
        var intermediates = new List<X509Certificate2>();
        foreach (ChannelConfig channel in channels)
        {
            foreach (FabricMsp msp in channel.Msps.Msps)
            {
                anchors.AddRange(msp.TlsRootCertificates);
                intermediates.AddRange(msp.TlsIntermediateCertificates);
            }
        }

        return new TlsTrust(anchors, intermediates);
    }
}
