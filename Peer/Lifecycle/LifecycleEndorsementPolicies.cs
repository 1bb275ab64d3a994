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
    private readonly ConditionalWeakTable<ChannelConfig, ConcurrentDictionary<(string, long, string), IPolicy>> _compiledCollections = [];

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

    /// <summary>Fabric's ValidatorCommitter.CollectionValidationInfo: an implicit collection answers its organization's
    /// Endorsement policy, a collection of the definition its endorsementPolicy (the chaincode's when it has none), any
    /// other name "no such collection".</summary>
    public CollectionPolicy GetCollectionPolicy(string ns, string collection, ChannelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (ns == LifecycleKeys.Namespace)
        {
            // _lifecycle's only collections are the implicit ones, where each organization keeps its approvals.
            return ImplicitCollections.MspIdOf(collection) is { } approver
                ? OrgPolicy(approver, config)
                : CollectionPolicy.Refused($"no such collection '{collection}'");
        }

        if (_definitions.Get(config.ChannelId, ns) is not { } definition)
        {
            // Fabric's passthrough for a chaincode the lifecycle does not define.
            return CollectionPolicy.ChaincodePolicy;
        }

        if (ImplicitCollections.MspIdOf(collection) is { } mspId)
        {
            return OrgPolicy(mspId, config);
        }

        foreach (CollectionConfig entry in definition.Collections?.Config ?? [])
        {
            if (entry.StaticCollectionConfig is { } found && found.Name == collection)
            {
                return found.EndorsementPolicy is { } policy
                    ? CollectionPolicy.Of(_compiledCollections.GetValue(config, _ => new ConcurrentDictionary<(string, long, string), IPolicy>())
                        .GetOrAdd((definition.Name, definition.Sequence, collection), _ => Compile(policy, $"{definition.Name} collection {collection} endorsement policy", config)))
                    : CollectionPolicy.ChaincodePolicy;
            }
        }

        return CollectionPolicy.Refused($"no such collection '{collection}'");
    }

    /// <summary>An implicit collection's policy: its organization's Endorsement policy.</summary>
    private static CollectionPolicy OrgPolicy(string mspId, ChannelConfig config)
    {
        string? org = config.Application?.Organizations.FirstOrDefault(o => o.MspId == mspId)?.Name;
        return org is null
            ? CollectionPolicy.Refused($"no org found in channel with MSPID '{mspId}'")
            : CollectionPolicy.Of(config.Policies.GetPolicy($"/Channel/Application/{org}/{ConfigKeys.EndorsementPolicy}"));
    }

    private static IPolicy Compile(LifecycleDefinition definition, ChannelConfig config)
    {
        string name = $"{definition.Name} endorsement policy";
        ApplicationPolicy? policy = definition.EndorsementPolicy();
        return policy is null
            ? new RefusingPolicy(name, "the definition's validation parameter is not an ApplicationPolicy")
            : Compile(policy, name, config);
    }

    private static IPolicy Compile(ApplicationPolicy policy, string name, ChannelConfig config)
    {
        if (policy.TypeCase == ApplicationPolicy.TypeOneofCase.ChannelConfigPolicyReference)
        {
            return config.Policies.GetPolicy(policy.ChannelConfigPolicyReference);
        }

        PolicyBuildResult<IPolicy> result = PolicyCompiler.CompileSignaturePolicy(policy.SignaturePolicy, config.Msps, name);
        return result.Value ?? new RefusingPolicy(name, result.Error!);
    }
}
