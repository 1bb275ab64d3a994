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
}
