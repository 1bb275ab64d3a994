using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Channels.Policies;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Cli.Channel;

/// <summary>
/// The application org group <c>configtxgen -printOrg</c> prints for an organization with Fabric's usual policies
/// (those of the test network's org3 configtx.yaml): Readers admin|peer|client, Writers admin|client, Admins admin,
/// Endorsement peer — all signature policies, every element's mod_policy "Admins", every version 0 — its verifying MSP
/// read from the org's MSP folder, and its anchor peers if any.
/// </summary>
internal static class OrgGroupBuilder
{
    public static ConfigResult<ConfigGroup> Build(string mspId, string mspDir, IReadOnlyList<AnchorPeer> anchorPeers)
    {
        ArgumentException.ThrowIfNullOrEmpty(mspId);
        ArgumentException.ThrowIfNullOrEmpty(mspDir);
        if (!mspId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            return ConfigResult<ConfigGroup>.Fail($"MSP ID '{mspId}' may only hold letters, digits, '.', '-' and '_'");
        }

        MSPConfig msp;
        try
        {
            msp = MspDirectory.LoadConfig(mspDir, mspId);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return ConfigResult<ConfigGroup>.Fail($"could not load the MSP of {mspId} from {mspDir}: {e.Message}");
        }

        var group = new ConfigGroup { ModPolicy = ConfigKeys.AdminsPolicy };
        foreach (var (name, rule) in new[]
        {
            (ConfigKeys.AdminsPolicy, $"OR('{mspId}.admin')"),
            (ConfigKeys.EndorsementPolicy, $"OR('{mspId}.peer')"),
            (ConfigKeys.ReadersPolicy, $"OR('{mspId}.admin', '{mspId}.peer', '{mspId}.client')"),
            (ConfigKeys.WritersPolicy, $"OR('{mspId}.admin', '{mspId}.client')"),
        })
        {
            PolicyParseResult<Policy> policy = PolicyParser.ParsePolicy(PolicyParser.SignatureType, rule);
            if (!policy.IsValid)
            {
                return ConfigResult<ConfigGroup>.Fail($"policy {name} '{rule}' does not parse: {policy.Error}");
            }

            group.Policies[name] = new ConfigPolicy { Policy = policy.Value, ModPolicy = ConfigKeys.AdminsPolicy };
        }

        // Like configtxgen: no AnchorPeers value at all rather than an empty one.
        if (anchorPeers.Count > 0)
        {
            var anchors = new AnchorPeers();
            anchors.AnchorPeers_.AddRange(anchorPeers);
            group.Values[ConfigKeys.AnchorPeers] = new ConfigValue { Value = anchors.ToByteString(), ModPolicy = ConfigKeys.AdminsPolicy };
        }

        group.Values[ConfigKeys.Msp] = new ConfigValue { Value = msp.ToByteString(), ModPolicy = ConfigKeys.AdminsPolicy };
        return ConfigResult<ConfigGroup>.Ok(group);
    }
}
