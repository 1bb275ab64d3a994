using Fabricish.Channels.Policies;
using Fabricish.Protos.Common;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Fabricish.Channels.Config.Profile;

/// <summary>
/// Reads a channel.yaml written in configtx.yaml's vocabulary and picks one profile. Relative <c>MSPDir</c>s resolve
/// against <c>mspBaseDir</c> when given (the output folder of <c>fabricish crypto generate</c>), otherwise against the
/// folder holding the yaml, as configtxgen does with its config path.
/// </summary>
public static class ChannelProfileLoader
{
    private static readonly string[] TopLevelKeys = ["Organizations", "Capabilities", "Application", "Orderer", "Channel", "Profiles"];
    private static readonly string[] ProfileKeys = ["Policies", "Capabilities", "Consortium", "Orderer", "Application"];
    private static readonly string[] OrdererKeys =
        ["OrdererType", "Addresses", "BatchTimeout", "BatchSize", "MaxChannels", "Kafka", "Organizations", "Policies", "Capabilities"];
    private static readonly string[] BatchSizeKeys = ["MaxMessageCount", "AbsoluteMaxBytes", "PreferredMaxBytes"];
    private static readonly string[] KafkaKeys = ["Brokers"];
    private static readonly string[] ApplicationKeys = ["Organizations", "Policies", "Capabilities"];
    private static readonly string[] OrganizationKeys = ["Name", "ID", "MSPDir", "MSPType", "Policies", "OrdererEndpoints", "AnchorPeers"];
    private static readonly string[] AnchorPeerKeys = ["Host", "Port"];
    private static readonly string[] PolicyKeys = ["Type", "Rule"];

    public static ConfigResult<ChannelProfile> LoadFile(string yamlPath, string? profileName, string? mspBaseDir = null)
    {
        ArgumentNullException.ThrowIfNull(yamlPath);
        if (!File.Exists(yamlPath))
        {
            return ConfigResult<ChannelProfile>.Fail($"channel profile file {yamlPath} does not exist");
        }

        string baseDir = mspBaseDir ?? Path.GetDirectoryName(Path.GetFullPath(yamlPath))!;
        return Load(File.ReadAllText(yamlPath), profileName, baseDir);
    }

    /// <summary>Parses yaml text; <paramref name="mspBaseDir"/> anchors relative MSPDir values.</summary>
    public static ConfigResult<ChannelProfile> Load(string yamlText, string? profileName, string mspBaseDir)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(mspBaseDir);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yamlText));
        }
        catch (YamlException e)
        {
            return ConfigResult<ChannelProfile>.Fail($"channel profile is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.Message}");
        }

        if (stream.Documents.Count == 0)
        {
            return ConfigResult<ChannelProfile>.Fail("channel profile file is empty");
        }

        var reader = new ProfileYamlReader();
        var context = new Context(reader, Path.GetFullPath(mspBaseDir));
        IReadOnlyDictionary<string, YamlNode>? top = reader.Map(stream.Documents[0].RootNode, "(file)", TopLevelKeys);
        ChannelProfile? profile = top is null ? null : SelectProfile(context, top, profileName);
        if (reader.Errors.Count > 0 || profile is null)
        {
            return ConfigResult<ChannelProfile>.Fail(reader.Errors.Count > 0 ? string.Join(Environment.NewLine, reader.Errors) : "no profile found");
        }

        return ConfigResult<ChannelProfile>.Ok(profile);
    }

    private sealed record Context(ProfileYamlReader Reader, string MspBaseDir);

    private static ChannelProfile? SelectProfile(Context ctx, IReadOnlyDictionary<string, YamlNode> top, string? profileName)
    {
        ProfileYamlReader r = ctx.Reader;
        IReadOnlyDictionary<string, YamlNode>? profiles = r.Map(ProfileYamlReader.Get(top, "Profiles"), "Profiles");
        if (profiles is null || profiles.Count == 0)
        {
            if (profileName is not null)
            {
                r.Fail("--profile", null, $"profile '{profileName}' not found: the file defines no Profiles");
                return null;
            }

            // Without Profiles the top-level sections form the channel, Channel supplying its policies and capabilities.
            IReadOnlyDictionary<string, YamlNode>? channel = r.Map(ProfileYamlReader.Get(top, "Channel"), "Channel", ProfileKeys) ?? new Dictionary<string, YamlNode>();
            var merged = new Dictionary<string, YamlNode>(channel);
            foreach (string section in new[] { "Orderer", "Application" })
            {
                if (ProfileYamlReader.Get(top, section) is YamlNode node)
                {
                    merged.TryAdd(section, node);
                }
            }

            return ReadProfile(ctx, "(top level)", merged, "");
        }

        string name;
        if (profileName is not null)
        {
            if (!profiles.ContainsKey(profileName))
            {
                r.Fail("--profile", null, $"unknown profile '{profileName}' (the file defines: {string.Join(", ", profiles.Keys.Order(StringComparer.Ordinal))})");
                return null;
            }

            name = profileName;
        }
        else if (profiles.Count == 1)
        {
            name = profiles.Keys.Single();
        }
        else
        {
            r.Fail("--profile", null, $"the file defines several profiles, choose one of: {string.Join(", ", profiles.Keys.Order(StringComparer.Ordinal))}");
            return null;
        }

        string path = $"Profiles.{name}";
        return ReadProfile(ctx, name, r.Map(profiles[name], path, ProfileKeys), path);
    }

    private static ChannelProfile? ReadProfile(Context ctx, string name, IReadOnlyDictionary<string, YamlNode>? map, string path)
    {
        ProfileYamlReader r = ctx.Reader;
        string prefix = path.Length == 0 ? "" : path + ".";
        if (map is null)
        {
            r.Fail(path, null, "profile is empty");
            return null;
        }

        IReadOnlyDictionary<string, PolicySpec> policies = ReadPolicies(r, map, path.Length == 0 ? "Channel" : path, requireBlockValidation: false);
        IReadOnlyList<string> capabilities = r.Capabilities(map, "Capabilities", path.Length == 0 ? "Channel" : path);
        string? consortium = r.String(map, "Consortium", path, required: false);
        OrdererSpec? orderer = ProfileYamlReader.Get(map, "Orderer") is null ? null : ReadOrderer(ctx, map, prefix + "Orderer");
        ApplicationSpec? application = ProfileYamlReader.Get(map, "Application") is null ? null : ReadApplication(ctx, map, prefix + "Application");
        if (orderer is null && ProfileYamlReader.Get(map, "Orderer") is null)
        {
            r.Fail(prefix + "Orderer", null, "is required: an application channel's genesis block defines its ordering service");
        }

        return new ChannelProfile(name, policies, capabilities, consortium, orderer, application);
    }

    private static OrdererSpec? ReadOrderer(Context ctx, IReadOnlyDictionary<string, YamlNode> parent, string path)
    {
        ProfileYamlReader r = ctx.Reader;
        IReadOnlyDictionary<string, YamlNode>? map = r.Map(ProfileYamlReader.Get(parent, "Orderer"), path, OrdererKeys);
        if (map is null)
        {
            return null;
        }

        string type = r.String(map, "OrdererType", path, required: true) ?? "";
        IReadOnlyList<string> brokers = r.StringList(r.Map(ProfileYamlReader.Get(map, "Kafka"), path + ".Kafka", KafkaKeys), "Brokers", path + ".Kafka");
        if (type.Length > 0 && type != ConfigKeys.KafkaConsensus && type != ConfigKeys.SoloConsensus)
        {
            r.Fail(path + ".OrdererType", ProfileYamlReader.Get(map, "OrdererType"), $"'{type}' is not supported: Fabricish orders with 'kafka' (or 'solo' for tests)");
        }
        else if (type == ConfigKeys.KafkaConsensus && brokers.Count == 0)
        {
            r.Fail(path + ".Kafka.Brokers", null, "at least one broker is required when OrdererType is kafka");
        }

        string sizePath = path + ".BatchSize";
        IReadOnlyDictionary<string, YamlNode>? sizeMap = r.Map(ProfileYamlReader.Get(map, "BatchSize"), sizePath, BatchSizeKeys);
        if (sizeMap is null)
        {
            r.Fail(sizePath, null, "is required");
        }

        ulong? count = r.UInt(sizeMap, "MaxMessageCount", sizePath, uint.MaxValue, required: true);
        uint? absolute = r.ByteSize(sizeMap, "AbsoluteMaxBytes", sizePath);
        uint? preferred = r.ByteSize(sizeMap, "PreferredMaxBytes", sizePath);
        if (count == 0)
        {
            r.Fail(sizePath + ".MaxMessageCount", null, "must be greater than 0");
        }

        if (absolute == 0)
        {
            r.Fail(sizePath + ".AbsoluteMaxBytes", null, "must be greater than 0");
        }

        if (preferred > absolute)
        {
            r.Fail(sizePath + ".PreferredMaxBytes", null, $"({preferred}) must not exceed AbsoluteMaxBytes ({absolute})");
        }

        TimeSpan timeout = r.Duration(map, "BatchTimeout", path) ?? TimeSpan.Zero;
        ulong maxChannels = r.UInt(map, "MaxChannels", path, ulong.MaxValue, required: false) ?? 0;
        return new OrdererSpec(
            type,
            r.StringList(map, "Addresses", path),
            timeout,
            new BatchSizeSpec((uint)(count ?? 0), absolute ?? 0, preferred ?? 0),
            brokers,
            maxChannels,
            ReadOrganizations(ctx, map, path),
            ReadPolicies(r, map, path, requireBlockValidation: true),
            r.Capabilities(map, "Capabilities", path));
    }

    private static ApplicationSpec? ReadApplication(Context ctx, IReadOnlyDictionary<string, YamlNode> parent, string path)
    {
        ProfileYamlReader r = ctx.Reader;
        IReadOnlyDictionary<string, YamlNode>? map = r.Map(ProfileYamlReader.Get(parent, "Application"), path, ApplicationKeys);
        if (map is null)
        {
            return null;
        }

        return new ApplicationSpec(
            ReadOrganizations(ctx, map, path),
            ReadPolicies(r, map, path, requireBlockValidation: false),
            r.Capabilities(map, "Capabilities", path));
    }

    private static List<OrganizationSpec> ReadOrganizations(Context ctx, IReadOnlyDictionary<string, YamlNode> parent, string path)
    {
        ProfileYamlReader r = ctx.Reader;
        var result = new List<OrganizationSpec>();
        IReadOnlyList<YamlNode> items = r.List(parent, "Organizations", path);
        for (int i = 0; i < items.Count; i++)
        {
            string orgPath = $"{path}.Organizations[{i}]";
            IReadOnlyDictionary<string, YamlNode>? map = r.Map(items[i], orgPath, OrganizationKeys);
            if (map is null)
            {
                r.Fail(orgPath, items[i], "expected an organization");
                continue;
            }

            string? name = r.String(map, "Name", orgPath, required: true);
            string? id = r.String(map, "ID", orgPath, required: true);
            string? mspDir = r.String(map, "MSPDir", orgPath, required: true);
            string? mspType = r.String(map, "MSPType", orgPath, required: false);
            if (mspType is not null and not "bccsp")
            {
                r.Fail(orgPath + ".MSPType", ProfileYamlReader.Get(map, "MSPType"), $"'{mspType}' is not supported: only bccsp (X.509) MSPs");
            }

            if (name is not null && result.Any(o => o.Name == name))
            {
                r.Fail(orgPath + ".Name", ProfileYamlReader.Get(map, "Name"), $"organization '{name}' is listed twice");
            }

            // Like configtxgen, both are read wherever the organization is listed; the orderer group uses only the
            // endpoints and the application group only the anchor peers, so one YAML anchor can serve both sections.
            IReadOnlyList<string> endpoints = r.StringList(map, "OrdererEndpoints", orgPath);
            var anchors = new List<AnchorPeerSpec>();
            IReadOnlyList<YamlNode> anchorNodes = r.List(map, "AnchorPeers", orgPath);
            for (int j = 0; j < anchorNodes.Count; j++)
            {
                string anchorPath = $"{orgPath}.AnchorPeers[{j}]";
                IReadOnlyDictionary<string, YamlNode>? a = r.Map(anchorNodes[j], anchorPath, AnchorPeerKeys);
                string? host = r.String(a, "Host", anchorPath, required: true);
                ulong? port = r.UInt(a, "Port", anchorPath, 65535, required: true);
                if (port == 0)
                {
                    r.Fail(anchorPath + ".Port", ProfileYamlReader.Get(a, "Port"), "must be from 1 to 65535");
                }
                else if (host is not null && port is not null)
                {
                    anchors.Add(new AnchorPeerSpec(host, (int)port.Value));
                }
            }

            string resolvedMsp = mspDir is null ? "" : Path.GetFullPath(Path.Combine(ctx.MspBaseDir, mspDir));
            result.Add(new OrganizationSpec(
                name ?? "",
                id ?? "",
                resolvedMsp,
                ReadPolicies(r, map, orgPath, requireBlockValidation: false),
                endpoints,
                anchors,
                ProfileYamlReader.Where(orgPath, items[i])));
        }

        return result;
    }

    private static SortedDictionary<string, PolicySpec> ReadPolicies(ProfileYamlReader r, IReadOnlyDictionary<string, YamlNode> parent, string path, bool requireBlockValidation)
    {
        var result = new SortedDictionary<string, PolicySpec>(StringComparer.Ordinal);
        string policiesPath = path + ".Policies";
        IReadOnlyDictionary<string, YamlNode>? map = r.Map(ProfileYamlReader.Get(parent, "Policies"), policiesPath);
        foreach (var (name, node) in map ?? new Dictionary<string, YamlNode>())
        {
            string policyPath = $"{policiesPath}.{name}";
            IReadOnlyDictionary<string, YamlNode>? p = r.Map(node, policyPath, PolicyKeys);
            string? type = r.String(p, "Type", policyPath, required: true);
            string? rule = r.String(p, "Rule", policyPath, required: true);
            if (type is not null and not PolicySpec.SignatureType and not PolicySpec.ImplicitMetaType)
            {
                r.Fail(policyPath + ".Type", ProfileYamlReader.Get(p, "Type"), $"'{type}' is not a policy type (Signature or ImplicitMeta)");
            }
            else if (type is not null && rule is not null)
            {
                YamlNode ruleNode = ProfileYamlReader.Get(p, "Rule")!;
                PolicyParseResult<Policy> parsed = PolicyParser.ParsePolicy(type, rule);
                if (!parsed.IsValid)
                {
                    r.Fail(policyPath + ".Rule", ruleNode, PolicyErrors.Describe(rule, parsed.Error, parsed.Column));
                }

                result[name] = new PolicySpec(type, rule, ProfileYamlReader.Where(policyPath + ".Rule", ruleNode));
            }
        }

        // configtxgen refuses groups without these, as the channel could not be read, written or administered.
        string[] required = requireBlockValidation
            ? [ConfigKeys.ReadersPolicy, ConfigKeys.WritersPolicy, ConfigKeys.AdminsPolicy, ConfigKeys.BlockValidationPolicy]
            : [ConfigKeys.ReadersPolicy, ConfigKeys.WritersPolicy, ConfigKeys.AdminsPolicy];
        foreach (string name in required)
        {
            if (map is null || !map.ContainsKey(name))
            {
                r.Fail($"{policiesPath}.{name}", null, "is required");
            }
        }

        return result;
    }
}
