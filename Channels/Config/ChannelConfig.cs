using Fabricish.Channels.Config.Profile;
using Fabricish.Channels.Msp;
using Fabricish.Channels.Policies;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Channels.Config;

/// <summary>
/// A typed, immutable view of one channel configuration (a config block's ConfigEnvelope), checked the way Fabric's
/// <c>channelconfig</c> bundle checks it before a peer or orderer trusts it: SHA256 hashing, the flat data-hashing
/// width, a complete orderer section, and an MSP for every organization.
/// </summary>
public sealed class ChannelConfig
{
    private readonly Protos.Common.Config _config;

    private ChannelConfig(string channelId, Protos.Common.Config config)
    {
        ChannelId = channelId;
        _config = config;
    }

    public string ChannelId { get; }

    public ulong Sequence => _config.Sequence;

    public string HashingAlgorithm { get; private init; } = ConfigKeys.Sha256;

    public uint BlockDataHashingWidth { get; private init; }

    /// <summary>The channel-level (legacy) orderer addresses; per-organization endpoints are in <see cref="Orderer"/>.</summary>
    public IReadOnlyList<string> OrdererAddresses { get; private init; } = [];

    public IReadOnlyList<string> Capabilities { get; private init; } = [];

    public string? Consortium { get; private init; }

    public OrdererConfig Orderer { get; private init; } = null!;

    public ApplicationConfig? Application { get; private init; }

    /// <summary>Every MSP of the channel (orderer and application organizations), one per MSP ID.</summary>
    public IReadOnlyList<MSPConfig> MspConfigs { get; private init; } = [];

    /// <summary>The channel's MSPs, which deserialize and validate the identities of its members.</summary>
    public MspManager Msps { get; private set; } = null!;

    /// <summary>The channel's policies by path (e.g. <c>/Channel/Application/Writers</c>), evaluated against <see cref="Msps"/>.</summary>
    public PolicyManager Policies { get; private set; } = null!;

    /// <summary>A copy of the underlying config proto, for computing updates; the view itself never changes.</summary>
    public Protos.Common.Config CloneConfig() => _config.Clone();

    /// <summary>Reads the configuration carried by a config block (the genesis block or a later reconfiguration).</summary>
    /// <param name="time">The clock MSPs judge certificate validity by; the system clock when null.</param>
    public static ConfigResult<ChannelConfig> FromBlock(Block block, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(block);
        var reader = new ConfigValueReader();
        if (block.Data is null || block.Data.Data.Count != 1)
        {
            return ConfigResult<ChannelConfig>.Fail($"block {block.Header?.Number} is not a config block: it holds {block.Data?.Data.Count ?? 0} envelopes, a config block holds exactly one");
        }

        Envelope? envelope = reader.Parse(block.Data.Data[0], "block data[0]", Envelope.Parser);
        Payload? payload = envelope is null ? null : reader.Parse(envelope.Payload, "envelope payload", Payload.Parser);
        if (payload is not null && payload.Header is null)
        {
            reader.Fail("envelope payload has no header");
        }

        ChannelHeader? header = payload?.Header is null ? null : reader.Parse(payload.Header.ChannelHeader, "payload channel header", ChannelHeader.Parser);
        if (header is not null && header.Type != (int)HeaderType.Config)
        {
            reader.Fail($"block {block.Header?.Number} is not a config block: its envelope has header type {(HeaderType)header.Type}");
        }

        ConfigEnvelope? configEnvelope = reader.Error is null && payload is not null
            ? reader.Parse(payload.Data, "payload data", ConfigEnvelope.Parser)
            : null;
        if (reader.Error is not null || configEnvelope is null || header is null)
        {
            return ConfigResult<ChannelConfig>.Fail(reader.Error ?? "config block could not be read");
        }

        return FromEnvelope(configEnvelope, header.ChannelId, time);
    }

    public static ConfigResult<ChannelConfig> FromEnvelope(ConfigEnvelope envelope, string channelId, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(channelId);
        if (envelope.Config?.ChannelGroup is null)
        {
            return ConfigResult<ChannelConfig>.Fail("config envelope has no channel group");
        }

        var reader = new ConfigValueReader();
        ChannelConfig? parsed = Read(reader, channelId, envelope.Config.Clone());
        if (parsed is null || reader.Error is not null)
        {
            return ConfigResult<ChannelConfig>.Fail(reader.Error ?? "channel config could not be read");
        }

        string? error = BuildManagers(parsed, time);
        return error is null ? ConfigResult<ChannelConfig>.Ok(parsed) : ConfigResult<ChannelConfig>.Fail(error);
    }

    /// <summary>Like Fabric's channelconfig bundle, a config whose MSPs or policies cannot be set up is rejected whole.</summary>
    private static string? BuildManagers(ChannelConfig parsed, TimeProvider? time)
    {
        var msps = new List<FabricMsp>();
        foreach (MSPConfig config in parsed.MspConfigs)
        {
            MspSetupResult msp = FabricMsp.TryCreate(config, time);
            if (!msp.IsValid)
            {
                return $"MSP {FabricMSPConfig.Parser.ParseFrom(config.Config).Name}: {msp.Error}";
            }

            msps.Add(msp.Msp!);
        }

        parsed.Msps = new MspManager(msps);
        PolicyBuildResult<PolicyManager> policies = PolicyManager.Build(parsed._config.ChannelGroup, parsed.Msps);
        if (!policies.IsValid)
        {
            return $"channel policies: {policies.Error}";
        }

        parsed.Policies = policies.Value!;
        return null;
    }

    private static ChannelConfig? Read(ConfigValueReader r, string channelId, Protos.Common.Config config)
    {
        const string path = "/Channel";
        ConfigGroup root = config.ChannelGroup;
        HashingAlgorithm? hashing = r.Read(root, path, ConfigKeys.HashingAlgorithm, Protos.Common.HashingAlgorithm.Parser, required: true);
        if (hashing is not null && hashing.Name != ConfigKeys.Sha256)
        {
            r.Fail($"{path}/{ConfigKeys.HashingAlgorithm}: '{hashing.Name}' is not supported, only {ConfigKeys.Sha256}");
        }

        BlockDataHashingStructure? width = r.Read(root, path, ConfigKeys.BlockDataHashingStructure, BlockDataHashingStructure.Parser, required: true);
        if (width is not null && width.Width != ConfigKeys.BlockDataHashingWidth)
        {
            r.Fail($"{path}/{ConfigKeys.BlockDataHashingStructure}: width {width.Width} is not supported, only {ConfigKeys.BlockDataHashingWidth}");
        }

        OrdererAddresses? addresses = r.Read(root, path, ConfigKeys.OrdererAddresses, Protos.Common.OrdererAddresses.Parser, required: false);
        Capabilities? capabilities = r.Read(root, path, ConfigKeys.Capabilities, Protos.Common.Capabilities.Parser, required: false);
        Consortium? consortium = r.Read(root, path, ConfigKeys.Consortium, Protos.Common.Consortium.Parser, required: false);

        OrdererConfig? orderer = null;
        if (!root.Groups.TryGetValue(ConfigKeys.OrdererGroup, out ConfigGroup? ordererGroup))
        {
            r.Fail($"{path}/{ConfigKeys.OrdererGroup}: group is missing");
        }
        else
        {
            orderer = ReadOrderer(r, ordererGroup, $"{path}/{ConfigKeys.OrdererGroup}");
        }

        ApplicationConfig? application = root.Groups.TryGetValue(ConfigKeys.ApplicationGroup, out ConfigGroup? appGroup)
            ? ReadApplication(r, appGroup, $"{path}/{ConfigKeys.ApplicationGroup}")
            : null;
        if (r.Error is not null || orderer is null)
        {
            return null;
        }

        var msps = new Dictionary<string, MSPConfig>(StringComparer.Ordinal);
        foreach (OrdererOrgConfig org in orderer.Organizations)
        {
            msps.TryAdd(org.MspId, org.Msp);
        }

        foreach (ApplicationOrgConfig org in application?.Organizations ?? [])
        {
            msps.TryAdd(org.MspId, org.Msp);
        }

        return new ChannelConfig(channelId, config)
        {
            HashingAlgorithm = hashing!.Name,
            BlockDataHashingWidth = width!.Width,
            OrdererAddresses = addresses is null ? [] : [.. addresses.Addresses],
            Capabilities = ConfigValueReader.CapabilityNames(capabilities),
            Consortium = consortium?.Name,
            Orderer = orderer,
            Application = application,
            MspConfigs = [.. msps.Values],
        };
    }

    private static OrdererConfig? ReadOrderer(ConfigValueReader r, ConfigGroup group, string path)
    {
        ConsensusType? consensus = r.Read(group, path, ConfigKeys.ConsensusType, Protos.Orderer.ConsensusType.Parser, required: true);
        BatchSize? size = r.Read(group, path, ConfigKeys.BatchSize, Protos.Orderer.BatchSize.Parser, required: true);
        BatchTimeout? timeout = r.Read(group, path, ConfigKeys.BatchTimeout, Protos.Orderer.BatchTimeout.Parser, required: true);
        KafkaBrokers? brokers = r.Read(group, path, ConfigKeys.KafkaBrokers, Protos.Orderer.KafkaBrokers.Parser, required: consensus?.Type == ConfigKeys.KafkaConsensus);
        ChannelRestrictions? restrictions = r.Read(group, path, ConfigKeys.ChannelRestrictions, Protos.Orderer.ChannelRestrictions.Parser, required: false);
        Capabilities? capabilities = r.Read(group, path, ConfigKeys.Capabilities, Protos.Common.Capabilities.Parser, required: false);

        // The same checks Fabric's orderer config applies before it cuts a single block.
        if (size is not null)
        {
            if (size.MaxMessageCount == 0)
            {
                r.Fail($"{path}/{ConfigKeys.BatchSize}: max_message_count must be greater than 0");
            }

            if (size.AbsoluteMaxBytes == 0)
            {
                r.Fail($"{path}/{ConfigKeys.BatchSize}: absolute_max_bytes must be greater than 0");
            }

            if (size.PreferredMaxBytes > size.AbsoluteMaxBytes)
            {
                r.Fail($"{path}/{ConfigKeys.BatchSize}: preferred_max_bytes ({size.PreferredMaxBytes}) exceeds absolute_max_bytes ({size.AbsoluteMaxBytes})");
            }
        }

        TimeSpan batchTimeout = TimeSpan.Zero;
        if (timeout is not null && (!GoDuration.TryParse(timeout.Timeout, out batchTimeout) || batchTimeout <= TimeSpan.Zero))
        {
            r.Fail($"{path}/{ConfigKeys.BatchTimeout}: '{timeout.Timeout}' is not a positive duration");
        }

        if (consensus?.Type == ConfigKeys.KafkaConsensus && brokers is { Brokers.Count: 0 })
        {
            r.Fail($"{path}/{ConfigKeys.KafkaBrokers}: a kafka orderer needs at least one broker");
        }

        var orgs = new List<OrdererOrgConfig>();
        foreach (var (name, orgGroup) in group.Groups)
        {
            string orgPath = $"{path}/{name}";
            MSPConfig? msp = r.Read(orgGroup, orgPath, ConfigKeys.Msp, MSPConfig.Parser, required: true);
            string? mspId = msp is null ? null : MspId(r, msp, orgPath);
            OrdererAddresses? endpoints = r.Read(orgGroup, orgPath, ConfigKeys.Endpoints, Protos.Common.OrdererAddresses.Parser, required: false);
            if (mspId is not null)
            {
                orgs.Add(new OrdererOrgConfig(name, mspId, endpoints is null ? [] : [.. endpoints.Addresses], msp!));
            }
        }

        if (r.Error is not null)
        {
            return null;
        }

        return new OrdererConfig(
            consensus!.Type,
            consensus.State,
            new BatchSizeSpec(size!.MaxMessageCount, size.AbsoluteMaxBytes, size.PreferredMaxBytes),
            batchTimeout,
            brokers is null ? [] : [.. brokers.Brokers],
            restrictions?.MaxCount ?? 0,
            ConfigValueReader.CapabilityNames(capabilities),
            orgs);
    }

    private static ApplicationConfig? ReadApplication(ConfigValueReader r, ConfigGroup group, string path)
    {
        Capabilities? capabilities = r.Read(group, path, ConfigKeys.Capabilities, Protos.Common.Capabilities.Parser, required: false);
        var orgs = new List<ApplicationOrgConfig>();
        foreach (var (name, orgGroup) in group.Groups)
        {
            string orgPath = $"{path}/{name}";
            MSPConfig? msp = r.Read(orgGroup, orgPath, ConfigKeys.Msp, MSPConfig.Parser, required: true);
            string? mspId = msp is null ? null : MspId(r, msp, orgPath);
            AnchorPeers? anchors = r.Read(orgGroup, orgPath, ConfigKeys.AnchorPeers, Protos.Peer.AnchorPeers.Parser, required: false);
            if (mspId is not null)
            {
                IReadOnlyList<AnchorPeerSpec> peers = anchors is null ? [] : [.. anchors.AnchorPeers_.Select(a => new AnchorPeerSpec(a.Host, a.Port))];
                orgs.Add(new ApplicationOrgConfig(name, mspId, peers, msp!));
            }
        }

        return r.Error is null ? new ApplicationConfig(ConfigValueReader.CapabilityNames(capabilities), orgs) : null;
    }

    /// <summary>Fabric MSPs (type 0) name themselves inside their FabricMSPConfig; other MSP types (idemix) are not supported.</summary>
    private static string? MspId(ConfigValueReader r, MSPConfig msp, string orgPath)
    {
        if (msp.Type != 0)
        {
            r.Fail($"{orgPath}/{ConfigKeys.Msp}: MSP type {msp.Type} is not supported, only Fabric X.509 MSPs (type 0)");
            return null;
        }

        FabricMSPConfig? fabric = r.Parse(msp.Config, $"{orgPath}/{ConfigKeys.Msp}", FabricMSPConfig.Parser);
        if (fabric is not null && string.IsNullOrEmpty(fabric.Name))
        {
            r.Fail($"{orgPath}/{ConfigKeys.Msp}: the MSP has no name (MSP ID)");
            return null;
        }

        return fabric?.Name;
    }
}
