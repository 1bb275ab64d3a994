using Fabricish.Channels.Policies;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Explorer.Ledger;

/// <summary>Policies in the syntax of configtx.yaml and the CLI: signature policies as the DSL
/// (<c>AND('Org1MSP.peer','Org2MSP.peer')</c>), implicit-meta ones as <c>MAJORITY Endorsement</c>.</summary>
public static class PolicyText
{
    public static string Of(Policy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return (Policy.Types.PolicyType)policy.Type switch
        {
            Policy.Types.PolicyType.Signature => EnvelopeReader.TryParse(SignaturePolicyEnvelope.Parser, policy.Value) is { } s ? PolicyFormatter.Format(s) : "(unreadable signature policy)",
            Policy.Types.PolicyType.ImplicitMeta => EnvelopeReader.TryParse(ImplicitMetaPolicy.Parser, policy.Value) is { } m ? PolicyFormatter.Format(m) : "(unreadable implicit-meta policy)",
            Policy.Types.PolicyType other => $"({other} policy)",
        };
    }

    /// <summary>A chaincode definition's validation parameter (an <c>ApplicationPolicy</c>): the signature policy's
    /// DSL, or the channel policy it refers to.</summary>
    public static string OfEndorsement(ByteString validationParameter)
    {
        ApplicationPolicy? policy = EnvelopeReader.TryParse(ApplicationPolicy.Parser, validationParameter);
        return policy?.TypeCase switch
        {
            ApplicationPolicy.TypeOneofCase.SignaturePolicy => PolicyFormatter.Format(policy.SignaturePolicy),
            ApplicationPolicy.TypeOneofCase.ChannelConfigPolicyReference => policy.ChannelConfigPolicyReference,
            _ => "(none: the channel's /Channel/Application/Endorsement)",
        };
    }
}
