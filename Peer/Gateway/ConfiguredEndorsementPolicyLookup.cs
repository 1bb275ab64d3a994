using Fabricish.Channels.Policies;
using Fabricish.Peer.Host;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Microsoft.Extensions.Options;

namespace Fabricish.Peer.Gateway;

/// <summary>The endorsement policies of <see cref="PeerOptions.EndorsementPolicies"/> (chaincode name → signature
/// policy, the same rules the committer validates against), on every channel, until chaincode definitions come from
/// the lifecycle. Rules are parsed once; the options validator has already refused any that do not parse.</summary>
internal sealed class ConfiguredEndorsementPolicyLookup : IEndorsementPolicyLookup
{
    private readonly Dictionary<string, ApplicationPolicy> _policies = new(StringComparer.Ordinal);

    public ConfiguredEndorsementPolicyLookup(IOptions<PeerOptions> options)
        : this(options?.Value.EndorsementPolicies ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    /// <param name="rules">Chaincode name → rule in Fabric's signature-policy syntax.</param>
    public ConfiguredEndorsementPolicyLookup(IReadOnlyDictionary<string, string> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        foreach ((string chaincode, string rule) in rules)
        {
            PolicyParseResult<SignaturePolicyEnvelope> parsed = PolicyParser.ParseSignaturePolicy(rule);
            SignaturePolicyEnvelope envelope = parsed.Value
                ?? throw new ArgumentException($"endorsement policy of chaincode '{chaincode}' does not parse: {parsed.Error}", nameof(rules));
            _policies[chaincode] = new ApplicationPolicy { SignaturePolicy = envelope };
        }
    }

    public ValueTask<ApplicationPolicy?> GetEndorsementPolicyAsync(string channelId, string chaincodeName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chaincodeName);
        return ValueTask.FromResult(_policies.TryGetValue(chaincodeName, out ApplicationPolicy? policy) ? policy.Clone() : null);
    }
}
