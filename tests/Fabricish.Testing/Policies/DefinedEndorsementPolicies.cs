using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Fabricish.Channels.Config;
using Fabricish.Channels.Policies;
using Fabricish.Committer.Validation;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;

namespace Fabricish.Testing.Policies;

/// <summary>The endorsement policies committed chaincode definitions give the committer (their validation parameter:
/// an <see cref="ApplicationPolicy"/>, a signature policy or a channel policy reference), for a committer tested or
/// benchmarked without the peer's lifecycle. A chaincode with no definition here has no policy (INVALID_CHAINCODE),
/// as on a peer. Each policy compiles once per channel configuration, since compiled policies hold its MSPs.</summary>
public sealed class DefinedEndorsementPolicies : IEndorsementPolicyProvider
{
    private readonly Dictionary<string, ApplicationPolicy> _definitions;
    private readonly ConditionalWeakTable<ChannelConfig, ConcurrentDictionary<string, IPolicy>> _compiled = [];

    /// <param name="definitions">Chaincode name → the validation parameter of its definition.</param>
    public DefinedEndorsementPolicies(IReadOnlyDictionary<string, ApplicationPolicy> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        _definitions = new Dictionary<string, ApplicationPolicy>(definitions, StringComparer.Ordinal);
    }

    /// <summary>Each chaincode of <paramref name="chaincodes"/> defined with the signature policy <paramref name="rule"/>
    /// (Fabric's syntax, <c>AND('Org1MSP.peer','Org2MSP.peer')</c>).</summary>
    public static DefinedEndorsementPolicies Signature(string rule, params string[] chaincodes)
    {
        ApplicationPolicy policy = SignaturePolicy(rule);
        return new DefinedEndorsementPolicies(chaincodes.ToDictionary(c => c, _ => policy, StringComparer.Ordinal));
    }

    /// <summary>The validation parameter of a definition made with <c>--signature-policy <paramref name="rule"/></c>.</summary>
    public static ApplicationPolicy SignaturePolicy(string rule)
    {
        PolicyParseResult<SignaturePolicyEnvelope> parsed = PolicyParser.ParseSignaturePolicy(rule);
        return new ApplicationPolicy { SignaturePolicy = parsed.Value ?? throw new ArgumentException($"'{rule}' does not parse: {parsed.Error}", nameof(rule)) };
    }

    public IPolicy? GetPolicy(string chaincodeName, ChannelConfig config)
    {
        ArgumentNullException.ThrowIfNull(chaincodeName);
        ArgumentNullException.ThrowIfNull(config);
        if (!_definitions.TryGetValue(chaincodeName, out ApplicationPolicy? definition))
        {
            return null;
        }

        return _compiled.GetValue(config, _ => new ConcurrentDictionary<string, IPolicy>(StringComparer.Ordinal))
            .GetOrAdd(chaincodeName, name => Compile(name, definition, config));
    }

    private static IPolicy Compile(string chaincodeName, ApplicationPolicy definition, ChannelConfig config)
    {
        if (definition.TypeCase == ApplicationPolicy.TypeOneofCase.ChannelConfigPolicyReference)
        {
            return config.Policies.GetPolicy(definition.ChannelConfigPolicyReference);
        }

        string name = $"{chaincodeName} endorsement policy";
        PolicyBuildResult<IPolicy> result = PolicyCompiler.CompileSignaturePolicy(definition.SignaturePolicy, config.Msps, name);
        return result.Value ?? throw new InvalidOperationException($"{name} does not compile against the channel's MSPs: {result.Error}");
    }
}
