using System.Globalization;
using System.Text;
using Fabricish.Channels.Config;
using Fabricish.Peer.Gateway;
using Fabricish.Protos.Discovery;
using Fabricish.Protos.Peer;

namespace Fabricish.Peer.Discovery;

/// <summary>
/// An endorsers (chaincode) query's descriptor, planned as the gateway plans (<see cref="InterestLayouts"/>): the
/// layouts of every chaincode of the interest (its endorsement policy unless disregarded, its collections' policies,
/// and the signature policies of written keys) combined, one group per organisation (<c>G0</c>, <c>G1</c>… in MSP ID
/// order) holding that organisation's live peers that run every chaincode of the interest, and only the layouts those
/// groups can fill. A call that reads a collection's values admits only peers of the collection's member organisations
/// (Fabric's collection filter). Fabric's messages when nothing fits: "no peer combination can satisfy the endorsement
/// policy" (not enough live peers) and "required chaincodes are not installed on sufficient peers".
/// </summary>
internal sealed class DiscoveryEndorsers(IEndorsementPolicyLookup policies, IGatewayCollections? collections = null)
{
    private readonly InterestLayouts _layouts = new(policies, collections);

    /// <returns>The descriptor, or no descriptor and the reason Fabric gives.</returns>
    public async ValueTask<(EndorsementDescriptor? Descriptor, string? Error)> DescribeAsync(
        ChaincodeInterest interest, ChannelConfig config, IReadOnlyList<ChannelPeer> peers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interest);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(peers);
        (InterestLayouts.Result? planned, string? error) = await _layouts.ComputeAsync(interest, config, cancellationToken).ConfigureAwait(false);
        if (planned is null)
        {
            return (null, error);
        }

        // Fabric's collection filter: peers of organisations outside a collection read are not candidates at all.
        peers = planned.Members is { } members ? [.. peers.Where(p => members.Contains(p.MspId))] : peers;
        IReadOnlyList<EndorsementLayout> layouts = planned.Layouts;
        Dictionary<string, int> alive = peers.GroupBy(p => p.MspId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        List<EndorsementLayout> possible = [.. layouts.Where(l => Fits(l, alive))];
        if (possible.Count == 0)
        {
            return (null, "no peer combination can satisfy the endorsement policy");
        }

        string[] chaincodes = [.. interest.Chaincodes.Select(c => c.Name)];
        Dictionary<string, List<ChannelPeer>> running = peers.Where(p => p.Runs(chaincodes))
            .GroupBy(p => p.MspId).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        List<EndorsementLayout> filled = [.. possible.Where(l => Fits(l, running.ToDictionary(e => e.Key, e => e.Value.Count, StringComparer.Ordinal)))];
        if (filled.Count == 0)
        {
            return (null, "required chaincodes are not installed on sufficient peers");
        }

        string[] orgs = [.. filled.SelectMany(l => l.Organizations).Distinct().Order(StringComparer.Ordinal)];
        Dictionary<string, string> groupOf = orgs.Select((org, i) => (org, i)).ToDictionary(e => e.org, e => string.Create(CultureInfo.InvariantCulture, $"G{e.i}"), StringComparer.Ordinal);
        var descriptor = new EndorsementDescriptor { Chaincode = interest.Chaincodes[0].Name };
        foreach (string org in orgs)
        {
            var group = new Peers();
            group.Peers_.AddRange(running[org].Select(p => p.Peer));
            descriptor.EndorsersByGroups[groupOf[org]] = group;
        }

        foreach (EndorsementLayout layout in filled)
        {
            var quantities = new Layout();
            foreach ((string org, int quantity) in layout.Quantities)
            {
                quantities.QuantitiesByGroup[groupOf[org]] = (uint)quantity;
            }

            descriptor.Layouts.Add(quantities);
        }

        return (descriptor, null);
    }

    /// <summary>Fabric prints the interest with Go's %v of the message, e.g. <c>chaincodes:{name:"basic"}</c>.</summary>
    public static string Describe(ChaincodeInterest interest)
    {
        ArgumentNullException.ThrowIfNull(interest);
        var text = new StringBuilder();
        foreach (ChaincodeCall call in interest.Chaincodes)
        {
            text.Append(text.Length == 0 ? string.Empty : " ").Append(CultureInfo.InvariantCulture, $"chaincodes:{{name:\"{call.Name}\"}}");
        }

        return text.ToString();
    }

    private static bool Fits(EndorsementLayout layout, Dictionary<string, int> available) =>
        layout.Quantities.All(q => available.GetValueOrDefault(q.Key) >= q.Value);
}
