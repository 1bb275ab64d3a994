using Fabricish.Channels.Config;
using Fabricish.Channels.Policies;

namespace Fabricish.Committer.Validation;

/// <summary>Where the committer finds a chaincode's endorsement policy (Fabric's lifecycle ValidationInfo). Called
/// concurrently from parallel validation with the configuration snapshot the block is judged by, so a policy
/// compiles against the MSPs in force for that block.</summary>
public interface IEndorsementPolicyProvider
{
    /// <summary>The compiled policy, or null when <paramref name="chaincodeName"/> is not defined on the channel
    /// (INVALID_CHAINCODE).</summary>
    IPolicy? GetPolicy(string chaincodeName, ChannelConfig config);

    /// <summary>Every policy the public writes of one transaction to <paramref name="ns"/> must satisfy; null when the
    /// namespace is not defined on the channel. Most namespaces have one policy for all keys; a namespace whose keys
    /// belong to different parties (<c>_lifecycle</c>: an organization's approvals need that organization's
    /// endorsement) answers per key. <paramref name="writtenKeys"/> is empty when the namespace is only invoked.</summary>
    IReadOnlyCollection<IPolicy>? GetWritePolicies(string ns, IReadOnlyCollection<string> writtenKeys, ChannelConfig config) =>
        GetPolicy(ns, config) is { } policy ? [policy] : null;

    /// <summary>Fabric's CollectionValidationInfo: the endorsement policy that replaces the chaincode's for writes to
    /// <paramref name="collection"/> of <paramref name="ns"/> (the collection's <c>endorsementPolicy</c>, an implicit
    /// collection's organization Endorsement policy), the chaincode's when the collection has none, or a problem.</summary>
    CollectionPolicy GetCollectionPolicy(string ns, string collection, ChannelConfig config) => CollectionPolicy.ChaincodePolicy;

    /// <summary>Completes once the policies of <paramref name="channelId"/> answer without waiting (they may come from
    /// state that is still loading after a restart). The committer awaits it before each block, so its parallel
    /// validation never blocks a thread-pool thread on the load.</summary>
    ValueTask PrepareAsync(string channelId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
