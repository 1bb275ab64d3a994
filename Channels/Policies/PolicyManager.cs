using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Channels.Policies;

/// <summary>
/// A channel's policies (Fabric's <c>policies.ManagerImpl</c>), compiled once from the channel's root
/// config group and addressed by absolute path (<c>/Channel/Application/Writers</c>) or by a path
/// relative to the root (<c>Application/Writers</c>).
/// </summary>
public sealed class PolicyManager
{
    /// <summary>Name of the channel config's root group, and so the first element of every policy path.</summary>
    public const string ChannelGroup = "Channel";

    public const string ChannelReaders = "/Channel/Readers";
    public const string ChannelWriters = "/Channel/Writers";
    public const string ChannelAdmins = "/Channel/Admins";
    public const string ApplicationReaders = "/Channel/Application/Readers";
    public const string ApplicationWriters = "/Channel/Application/Writers";
    public const string ApplicationAdmins = "/Channel/Application/Admins";
    public const string BlockValidation = "/Channel/Orderer/BlockValidation";

    private readonly Dictionary<string, EvaluablePolicy> _policies;
    private readonly string _rootPrefix;

    private PolicyManager(Dictionary<string, EvaluablePolicy> policies, string rootName)
    {
        _policies = policies;
        _rootPrefix = "/" + rootName + "/";
    }

    /// <summary>Every policy's absolute path, sorted, for inspect output.</summary>
    public IReadOnlyList<string> PolicyPaths => [.. _policies.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Compiles every policy in the tree. Fails (as a value) on a nil policy, malformed policy bytes,
    /// or a type other than SIGNATURE and IMPLICIT_META — Fabric registers no provider for MSP policies.
    /// </summary>
    public static PolicyBuildResult<PolicyManager> Build(
        ConfigGroup channelGroup, IIdentityDeserializer deserializer, string rootName = ChannelGroup)
    {
        ArgumentNullException.ThrowIfNull(channelGroup);
        ArgumentNullException.ThrowIfNull(deserializer);
        ArgumentException.ThrowIfNullOrEmpty(rootName);
        var policies = new Dictionary<string, EvaluablePolicy>(StringComparer.Ordinal);
        var error = BuildGroup("/" + rootName, channelGroup, deserializer, policies, out _);
        return error is null
            ? PolicyBuildResult<PolicyManager>.Ok(new PolicyManager(policies, rootName))
            : PolicyBuildResult<PolicyManager>.Fail(error);
    }

    /// <summary>Finds a policy by absolute path or by path relative to the root group.</summary>
    public bool TryGetPolicy(string path, [NotNullWhen(true)] out IPolicy? policy)
    {
        ArgumentNullException.ThrowIfNull(path);
        var absolute = path.StartsWith('/') ? path : _rootPrefix + path;
        var found = _policies.TryGetValue(absolute, out var compiled);
        policy = compiled;
        return found;
    }

    /// <summary>
    /// As <see cref="TryGetPolicy"/>, but an unknown path yields a policy that rejects every signature
    /// set with "no such policy ...", as Fabric's <c>GetPolicy</c> does.
    /// </summary>
    public IPolicy GetPolicy(string path) =>
        TryGetPolicy(path, out var policy) ? policy : new MissingPolicy(path.StartsWith('/') ? path : _rootPrefix + path);

    /// <returns>An error, or null with <paramref name="own"/> holding this group's policies by name.</returns>
    private static string? BuildGroup(
        string path,
        ConfigGroup group,
        IIdentityDeserializer deserializer,
        Dictionary<string, EvaluablePolicy> all,
        out Dictionary<string, EvaluablePolicy> own)
    {
        own = new Dictionary<string, EvaluablePolicy>(StringComparer.Ordinal);

        // Sorted so that failure reasons list child groups in a stable order.
        var children = new List<KeyValuePair<string, Dictionary<string, EvaluablePolicy>>>();
        foreach (var name in group.Groups.Keys.Order(StringComparer.Ordinal))
        {
            var error = BuildGroup(path + "/" + name, group.Groups[name], deserializer, all, out var childPolicies);
            if (error is not null)
            {
                return error;
            }

            children.Add(new(name, childPolicies));
        }

        foreach (var name in group.Policies.Keys.Order(StringComparer.Ordinal))
        {
            var policyPath = path + "/" + name;
            var compiled = CompilePolicy(policyPath, group.Policies[name].Policy, children, deserializer, out var error);
            if (compiled is null)
            {
                return error;
            }

            own[name] = compiled;
            all[policyPath] = compiled;
        }

        return null;
    }

    private static EvaluablePolicy? CompilePolicy(
        string path,
        Policy? policy,
        List<KeyValuePair<string, Dictionary<string, EvaluablePolicy>>> children,
        IIdentityDeserializer deserializer,
        out string? error)
    {
        error = null;
        if (policy is null)
        {
            error = $"policy {path} is nil";
            return null;
        }

        try
        {
            switch ((Policy.Types.PolicyType)policy.Type)
            {
                case Policy.Types.PolicyType.Signature:
                    var envelope = SignaturePolicyEnvelope.Parser.ParseFrom(policy.Value);
                    var compiled = CompiledSignaturePolicy.Compile(path, envelope, deserializer);
                    error = compiled.Error;
                    return compiled.Value;
                case Policy.Types.PolicyType.ImplicitMeta:
                    var definition = ImplicitMetaPolicy.Parser.ParseFrom(policy.Value);
                    var subPolicies = children
                        .Select(child => new KeyValuePair<string, EvaluablePolicy>(
                            child.Key,
                            child.Value.TryGetValue(definition.SubPolicy, out var sub)
                                ? sub
                                : new MissingPolicy($"{path[..path.LastIndexOf('/')]}/{child.Key}/{definition.SubPolicy}")))
                        .ToList();
                    return new CompiledImplicitMetaPolicy(path, definition, subPolicies, deserializer);
                default:
                    error = string.Create(
                        CultureInfo.InvariantCulture,
                        $"policy {path} has unsupported policy type {(Policy.Types.PolicyType)policy.Type} ({policy.Type}); only SIGNATURE and IMPLICIT_META policies are supported");
                    return null;
            }
        }
        catch (InvalidProtocolBufferException e)
        {
            error = $"policy {path} is malformed: {e.Message}";
            return null;
        }
    }
}
