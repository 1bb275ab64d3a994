using Fabricish.Channels.Msp;

namespace Fabricish.Channels.Policies;

/// <summary>A compiled channel policy (Fabric's <c>policies.Policy</c>), cheap to evaluate repeatedly.</summary>
public interface IPolicy
{
    /// <summary>Absolute path, e.g. <c>/Channel/Application/Writers</c>.</summary>
    string Path { get; }

    /// <summary>The rule in configtx.yaml syntax, e.g. <c>ALL Writers</c> or <c>OR('Org1MSP.member')</c>.</summary>
    string Description { get; }

    /// <summary>
    /// Deserialises and validates each signer, drops invalid identities and bad signatures, counts each
    /// identity once, then evaluates the rule (Fabric's <c>EvaluateSignedData</c>).
    /// </summary>
    PolicyResult Evaluate(IReadOnlyList<SignedData> signatures);

    /// <summary>
    /// Evaluates identities whose signatures the caller has already verified (e.g. in parallel).
    /// Repeated identities (equal serialized bytes) still count once.
    /// </summary>
    PolicyResult EvaluateIdentities(IReadOnlyList<IIdentity> identities);
}
