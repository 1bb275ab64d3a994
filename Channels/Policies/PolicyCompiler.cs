using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;

namespace Fabricish.Channels.Policies;

/// <summary>
/// Compiles signature policies that live outside channel config, such as a chaincode definition's
/// explicit endorsement policy or a policy given on the command line.
/// </summary>
public static class PolicyCompiler
{
    /// <param name="name">How failure reasons refer to the policy, e.g. <c>mycc endorsement policy</c>.</param>
    public static PolicyBuildResult<IPolicy> CompileSignaturePolicy(
        SignaturePolicyEnvelope envelope, IIdentityDeserializer deserializer, string name)
    {
        var compiled = CompiledSignaturePolicy.Compile(name, envelope, deserializer);
        return compiled.Value is { } policy
            ? PolicyBuildResult<IPolicy>.Ok(policy)
            : PolicyBuildResult<IPolicy>.Fail(compiled.Error!);
    }
}
