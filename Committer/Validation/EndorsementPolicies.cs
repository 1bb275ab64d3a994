using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Fabricish.Channels.Config;
using Fabricish.Channels.Policies;
using Fabricish.Protos.Common;

namespace Fabricish.Committer.Validation;

/// <summary>A fixed set of chaincode endorsement policies in Fabric's signature-policy syntax
/// (<c>AND('Org1MSP.peer','Org2MSP.peer')</c>), until chaincode definitions come from the lifecycle. Rules are
/// parsed once; each is compiled once per channel configuration, since compiled policies hold that configuration's
/// MSPs.</summary>
public sealed class EndorsementPolicies : IEndorsementPolicyProvider
{
    private readonly Dictionary<string, SignaturePolicyEnvelope> _rules = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<ChannelConfig, ConcurrentDictionary<string, IPolicy>> _compiled = [];

    /// <param name="rules">Chaincode name → rule. A rule that does not parse is a configuration fault and throws.</param>
    public EndorsementPolicies(IReadOnlyDictionary<string, string> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        foreach ((string chaincode, string rule) in rules)
        {
            PolicyParseResult<SignaturePolicyEnvelope> parsed = PolicyParser.ParseSignaturePolicy(rule);
            _rules[chaincode] = parsed.Value
                ?? throw new ArgumentException($"endorsement policy of chaincode '{chaincode}' does not parse: {parsed.Error}", nameof(rules));
        }
    }

    public IPolicy? GetPolicy(string chaincodeName, ChannelConfig config)
    {
        ArgumentNullException.ThrowIfNull(chaincodeName);
        ArgumentNullException.ThrowIfNull(config);
        if (!_rules.TryGetValue(chaincodeName, out SignaturePolicyEnvelope? envelope))
        {
            return null;
        }

        ConcurrentDictionary<string, IPolicy> compiled = _compiled.GetValue(config, _ => new ConcurrentDictionary<string, IPolicy>(StringComparer.Ordinal));
        return compiled.GetOrAdd(chaincodeName, name => Compile(name, envelope, config));
    }

    private static IPolicy Compile(string chaincodeName, SignaturePolicyEnvelope envelope, ChannelConfig config)
    {
        string name = $"{chaincodeName} endorsement policy";
        PolicyBuildResult<IPolicy> result = PolicyCompiler.CompileSignaturePolicy(envelope, config.Msps, name);
        return result.Value ?? new UnsatisfiablePolicy(name, result.Error!);
    }
}
