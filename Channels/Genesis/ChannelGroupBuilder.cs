using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Profile;
using Fabricish.Channels.Policies;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Channels.Genesis;

/// <summary>
/// Turns a channel profile into the <c>/Channel</c> config group exactly as configtxgen's encoder does: the same
/// groups, value keys, policy names and mod_policies (all "Admins" but the channel-level OrdererAddresses, which
/// belong to <c>/Channel/Orderer/Admins</c>), every version 0. Maps are filled in key order so output is reproducible.
/// </summary>
public static class ChannelGroupBuilder
{
    /// <param name="mspSource">Supplies each organization's verifying MSP config (normally read from its MSPDir).</param>
    public static ConfigResult<ConfigGroup> Build(ChannelProfile profile, Func<OrganizationSpec, ConfigResult<MSPConfig>> mspSource)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(mspSource);
        if (profile.Orderer is null)
        {
            return ConfigResult<ConfigGroup>.Fail("the profile has no Orderer section");
        }

        var channel = new ConfigGroup { ModPolicy = ConfigKeys.AdminsPolicy };
        string? error = AddPolicies(channel, profile.Policies, "Channel");
        AddValue(channel, ConfigKeys.HashingAlgorithm, new HashingAlgorithm { Name = ConfigKeys.Sha256 });
        AddValue(channel, ConfigKeys.BlockDataHashingStructure, new BlockDataHashingStructure { Width = ConfigKeys.BlockDataHashingWidth });
        if (profile.Orderer.Addresses.Count > 0)
        {
            var addresses = new OrdererAddresses();
            addresses.Addresses.AddRange(profile.Orderer.Addresses);
            AddValue(channel, ConfigKeys.OrdererAddresses, addresses, ConfigKeys.OrdererAdminsPolicyPath);
        }

        if (!string.IsNullOrEmpty(profile.Consortium))
        {
            AddValue(channel, ConfigKeys.Consortium, new Consortium { Name = profile.Consortium });
        }

        AddCapabilities(channel, profile.Capabilities);
        error ??= AddOrderer(channel, profile.Orderer, mspSource);
        if (profile.Application is not null)
        {
            error ??= AddApplication(channel, profile.Application, mspSource);
        }

        return error is null ? ConfigResult<ConfigGroup>.Ok(Sorted(channel)) : ConfigResult<ConfigGroup>.Fail(error);
    }

    private static string? AddOrderer(ConfigGroup channel, OrdererSpec spec, Func<OrganizationSpec, ConfigResult<MSPConfig>> mspSource)
    {
        if (!spec.Policies.ContainsKey(ConfigKeys.BlockValidationPolicy))
        {
            return "Orderer.Policies.BlockValidation is required";
        }

        var orderer = new ConfigGroup { ModPolicy = ConfigKeys.AdminsPolicy };
        string? error = AddPolicies(orderer, spec.Policies, "Orderer");
        AddValue(orderer, ConfigKeys.BatchSize, new BatchSize
        {
            MaxMessageCount = spec.BatchSize.MaxMessageCount,
            AbsoluteMaxBytes = spec.BatchSize.AbsoluteMaxBytes,
            PreferredMaxBytes = spec.BatchSize.PreferredMaxBytes,
        });
        AddValue(orderer, ConfigKeys.BatchTimeout, new BatchTimeout { Timeout = GoDuration.Format(spec.BatchTimeout) });
        AddValue(orderer, ConfigKeys.ChannelRestrictions, new ChannelRestrictions { MaxCount = spec.MaxChannels });
        AddCapabilities(orderer, spec.Capabilities);
        switch (spec.OrdererType)
        {
            case ConfigKeys.SoloConsensus:
                break;
            case ConfigKeys.KafkaConsensus:
                var brokers = new KafkaBrokers();
                brokers.Brokers.AddRange(spec.KafkaBrokers);
                AddValue(orderer, ConfigKeys.KafkaBrokers, brokers);
                break;
            default:
                return $"Orderer.OrdererType: unknown orderer type '{spec.OrdererType}'";
        }

        AddValue(orderer, ConfigKeys.ConsensusType, new ConsensusType { Type = spec.OrdererType });
        foreach (OrganizationSpec org in spec.Organizations)
        {
            ConfigGroup? orgGroup = OrgGroup(org, mspSource, out string? orgError);
            if (orgGroup is null)
            {
                return orgError;
            }

            if (org.OrdererEndpoints.Count > 0)
            {
                var endpoints = new OrdererAddresses();
                endpoints.Addresses.AddRange(org.OrdererEndpoints);
                AddValue(orgGroup, ConfigKeys.Endpoints, endpoints);
            }

            orderer.Groups[org.Name] = orgGroup;
        }

        channel.Groups[ConfigKeys.OrdererGroup] = orderer;
        return error;
    }

    private static string? AddApplication(ConfigGroup channel, ApplicationSpec spec, Func<OrganizationSpec, ConfigResult<MSPConfig>> mspSource)
    {
        var application = new ConfigGroup { ModPolicy = ConfigKeys.AdminsPolicy };
        string? error = AddPolicies(application, spec.Policies, "Application");
        AddCapabilities(application, spec.Capabilities);
        foreach (OrganizationSpec org in spec.Organizations)
        {
            ConfigGroup? orgGroup = OrgGroup(org, mspSource, out string? orgError);
            if (orgGroup is null)
            {
                return orgError;
            }

            // Like configtxgen, no AnchorPeers value at all rather than an empty one.
            if (org.AnchorPeers.Count > 0)
            {
                var anchors = new AnchorPeers();
                anchors.AnchorPeers_.AddRange(org.AnchorPeers.Select(a => new AnchorPeer { Host = a.Host, Port = a.Port }));
                AddValue(orgGroup, ConfigKeys.AnchorPeers, anchors);
            }

            application.Groups[org.Name] = orgGroup;
        }

        channel.Groups[ConfigKeys.ApplicationGroup] = application;
        return error;
    }

    private static ConfigGroup? OrgGroup(OrganizationSpec org, Func<OrganizationSpec, ConfigResult<MSPConfig>> mspSource, out string? error)
    {
        var group = new ConfigGroup { ModPolicy = ConfigKeys.AdminsPolicy };
        ConfigResult<MSPConfig> msp = mspSource(org);
        if (!msp.IsOk)
        {
            error = $"{org.Source}: could not load the MSP of {org.Name} from {org.MspDir}: {msp.Error}";
            return null;
        }

        error = AddPolicies(group, org.Policies, org.Source);
        if (error is not null)
        {
            return null;
        }

        AddValue(group, ConfigKeys.Msp, msp.Value!);
        return group;
    }

    private static string? AddPolicies(ConfigGroup group, IReadOnlyDictionary<string, PolicySpec> policies, string where)
    {
        foreach (string required in new[] { ConfigKeys.AdminsPolicy, ConfigKeys.ReadersPolicy, ConfigKeys.WritersPolicy })
        {
            if (!policies.ContainsKey(required))
            {
                return $"{where}: no {required} policy defined";
            }
        }

        foreach (var (name, spec) in policies)
        {
            PolicyParseResult<Policy> parsed = PolicyParser.ParsePolicy(spec.Type, spec.Rule);
            if (!parsed.IsValid)
            {
                return $"{spec.Source}: {PolicyErrors.Describe(spec.Rule, parsed.Error, parsed.Column)}";
            }

            group.Policies[name] = new ConfigPolicy { Policy = parsed.Value, ModPolicy = ConfigKeys.AdminsPolicy };
        }

        return null;
    }

    private static void AddCapabilities(ConfigGroup group, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return;
        }

        var capabilities = new Capabilities();
        foreach (string name in names.Order(StringComparer.Ordinal))
        {
            capabilities.Capabilities_[name] = new Capability();
        }

        AddValue(group, ConfigKeys.Capabilities, capabilities);
    }

    private static void AddValue(ConfigGroup group, string key, IMessage value, string modPolicy = ConfigKeys.AdminsPolicy) =>
        group.Values[key] = new ConfigValue { Value = value.ToByteString(), ModPolicy = modPolicy };

    /// <summary>A copy whose maps are in ordinal key order, so the same profile always yields the same bytes.</summary>
    internal static ConfigGroup Sorted(ConfigGroup group)
    {
        var copy = new ConfigGroup { Version = group.Version, ModPolicy = group.ModPolicy };
        foreach (var (k, v) in group.Groups.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            copy.Groups[k] = Sorted(v);
        }

        foreach (var (k, v) in group.Values.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            copy.Values[k] = v;
        }

        foreach (var (k, v) in group.Policies.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            copy.Policies[k] = v;
        }

        return copy;
    }
}
