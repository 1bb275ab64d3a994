using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Fabricish.Channels.Config;
using Fabricish.Channels.Policies;
using Fabricish.Channels.PrivateData;
using Fabricish.Committer.Validation;
using Fabricish.Protos.Peer;

namespace Fabricish.Peer.Lifecycle;

/// <summary>The committer's endorsement policies from committed definitions (Fabric's lifecycle ValidationInfo):
/// the definition's validation parameter, an inline signature policy or a channel policy reference. A chaincode the
/// lifecycle does not define has no policy (INVALID_CHAINCODE). Public writes to <c>_lifecycle</c> (definitions) need
/// <c>/Channel/Application/LifecycleEndorsement</c>; writes to an organization's implicit collection of
/// <c>_lifecycle</c> (its approvals) need that organization's <c>/Channel/Application/&lt;Org&gt;/Endorsement</c>, as
/// Fabric's lifecycle CollectionValidationInfo answers.</summary>
internal sealed class LifecycleEndorsementPolicies : IEndorsementPolicyProvider
{
    private readonly LifecycleDefinitions _definitions;
    private readonly ConditionalWeakTable<ChannelConfig, ConcurrentDictionary<(string, long), IPolicy>> _compiled = [];

    public LifecycleEndorsementPolicies(LifecycleDefinitions definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        _definitions = definitions;
    }

    public IPolicy? GetPolicy(string chaincodeName, ChannelConfig config)
    {
        ArgumentNullException.ThrowIfNull(chaincodeName);
        ArgumentNullException.ThrowIfNull(config);
        if (chaincodeName == LifecycleKeys.Namespace)
        {
            return config.Policies.GetPolicy(ApprovalPolicy.LifecycleEndorsementPath);
        }

        if (_definitions.Get(config.ChannelId, chaincodeName) is not { } definition)
        {
            return null;
        }

        return _compiled.GetValue(config, _ => new ConcurrentDictionary<(string, long), IPolicy>())
            .GetOrAdd((definition.Name, definition.Sequence), _ => Compile(definition, config));
    }

    public async ValueTask PrepareAsync(string channelId, CancellationToken cancellationToken) =>
        await _definitions.LoadAsync(channelId, cancellationToken).ConfigureAwait(false);

    public IPolicy? GetCollectionWritePolicy(string ns, string collection, ChannelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (ns != LifecycleKeys.Namespace)
        {
            return null;
        }

        // _lifecycle has no other collection: one that is no org's implicit collection gets a path that does not exist.
        return ImplicitCollections.MspIdOf(collection) is { } mspId
            ? config.Policies.GetPolicy(OrgEndorsementPath(mspId, config))
            : new RefusingPolicy($"{ns} collection {collection}", "no such collection");
    }

    /// <summary>The org's Endorsement policy; an MSP that is no application org of the channel gets a path that does
    /// not exist, which no endorsement satisfies.</summary>
    private static string OrgEndorsementPath(string mspId, ChannelConfig config)
    {
        string org = config.Application?.Organizations.FirstOrDefault(o => o.MspId == mspId)?.Name ?? "(unknown org " + mspId + ")";
        return $"/Channel/Application/{org}/{ConfigKeys.EndorsementPolicy}";
    }

    private static IPolicy Compile(LifecycleDefinition definition, ChannelConfig config)
    {
        string name = $"{definition.Name} endorsement policy";
        ApplicationPolicy? policy = definition.EndorsementPolicy();
        if (policy is null)
        {
            return new RefusingPolicy(name, "the definition's validation parameter is not an ApplicationPolicy");
        }

        if (policy.TypeCase == ApplicationPolicy.TypeOneofCase.ChannelConfigPolicyReference)
        {
            return config.Policies.GetPolicy(policy.ChannelConfigPolicyReference);
        }

        PolicyBuildResult<IPolicy> result = PolicyCompiler.CompileSignaturePolicy(policy.SignaturePolicy, config.Msps, name);
        return result.Value ?? new RefusingPolicy(name, result.Error!);
    }
}
