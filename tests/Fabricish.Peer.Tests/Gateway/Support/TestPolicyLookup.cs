using Fabricish.Channels.Policies;
using Fabricish.Peer.Gateway;
using Fabricish.Protos.Peer;

namespace Fabricish.Peer.Tests.Gateway.Support;

/// <summary>Chaincode endorsement policies set per test: a signature rule or a channel policy reference.</summary>
internal sealed class TestPolicyLookup : IEndorsementPolicyLookup
{
    private readonly Dictionary<string, ApplicationPolicy> _policies = new(StringComparer.Ordinal);

    public void Signature(string chaincode, string rule)
    {
        PolicyParseResult<Protos.Common.SignaturePolicyEnvelope> parsed = PolicyParser.ParseSignaturePolicy(rule);
        Assert.True(parsed.Value is not null, parsed.Error);
        _policies[chaincode] = new ApplicationPolicy { SignaturePolicy = parsed.Value };
    }

    public void Reference(string chaincode, string path) =>
        _policies[chaincode] = new ApplicationPolicy { ChannelConfigPolicyReference = path };

    public ValueTask<ApplicationPolicy?> GetEndorsementPolicyAsync(string channelId, string chaincodeName, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_policies.GetValueOrDefault(chaincodeName));
}
