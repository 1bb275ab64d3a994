using System.Globalization;
using System.Text;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Channels.Policies;

/// <summary>
/// Renders policies back into the configtx.yaml / CLI syntax, for inspect output and failure reasons.
/// Role principals render in the DSL, so a parsed envelope formats and re-parses to the same bytes;
/// principals the DSL cannot express (OU, identity, ...) render in angle brackets, for reading only.
/// </summary>
public static class PolicyFormatter
{
    public static string Format(SignaturePolicyEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var builder = new StringBuilder();
        AppendRule(builder, envelope.Rule, envelope.Identities, quote: true);
        return builder.ToString();
    }

    public static string Format(ImplicitMetaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return $"{RuleName(policy.Rule)} {policy.SubPolicy}";
    }

    /// <summary>A principal as the DSL names it, unquoted (<c>Org1MSP.peer</c>).</summary>
    public static string FormatPrincipal(MSPPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        try
        {
            switch (principal.PrincipalClassification)
            {
                case MSPPrincipal.Types.Classification.Role:
                    var role = MSPRole.Parser.ParseFrom(principal.Principal);
                    return $"{role.MspIdentifier}.{RoleName(role.Role)}";
                case MSPPrincipal.Types.Classification.OrganizationUnit:
                    var ou = OrganizationUnit.Parser.ParseFrom(principal.Principal);
                    return $"<OU {ou.OrganizationalUnitIdentifier} of {ou.MspIdentifier}>";
                case MSPPrincipal.Types.Classification.Identity:
                    var identity = SerializedIdentity.Parser.ParseFrom(principal.Principal);
                    return $"<identity of {identity.Mspid}>";
                default:
                    return $"<{principal.PrincipalClassification} principal>";
            }
        }
        catch (InvalidProtocolBufferException)
        {
            return "<malformed principal>";
        }
    }

    internal static string RuleName(ImplicitMetaPolicy.Types.Rule rule) => rule switch
    {
        ImplicitMetaPolicy.Types.Rule.Any => "ANY",
        ImplicitMetaPolicy.Types.Rule.All => "ALL",
        ImplicitMetaPolicy.Types.Rule.Majority => "MAJORITY",
        _ => $"RULE{(int)rule}",
    };

    internal static string RoleName(MSPRole.Types.MSPRoleType role) => role switch
    {
        MSPRole.Types.MSPRoleType.Member => "member",
        MSPRole.Types.MSPRoleType.Admin => "admin",
        MSPRole.Types.MSPRoleType.Client => "client",
        MSPRole.Types.MSPRoleType.Peer => "peer",
        MSPRole.Types.MSPRoleType.Orderer => "orderer",
        _ => $"role{(int)role}",
    };

    /// <summary>
    /// N == 1 reads as OR and N == count as AND, which is how the DSL encodes them (a lone principal
    /// as OR, configtx.yaml's habit); anything else, including the never-satisfiable N == count + 1,
    /// stays an explicit OutOf.
    /// </summary>
    internal static void AppendRule(StringBuilder builder, SignaturePolicy? rule, IList<MSPPrincipal> identities, bool quote)
    {
        switch (rule?.TypeCase)
        {
            case SignaturePolicy.TypeOneofCase.SignedBy:
                var index = rule.SignedBy;
                if (index < 0 || index >= identities.Count)
                {
                    builder.Append("<no identity #").Append(index.ToString(CultureInfo.InvariantCulture)).Append('>');
                }
                else if (quote)
                {
                    builder.Append('\'').Append(FormatPrincipal(identities[index])).Append('\'');
                }
                else
                {
                    builder.Append(FormatPrincipal(identities[index]));
                }

                break;
            case SignaturePolicy.TypeOneofCase.NOutOf:
                var outOf = rule.NOutOf;
                var count = outOf.Rules.Count;
                if (count > 0 && outOf.N == 1)
                {
                    builder.Append("OR(");
                }
                else if (count > 1 && outOf.N == count)
                {
                    builder.Append("AND(");
                }
                else
                {
                    builder.Append("OutOf(").Append(outOf.N.ToString(CultureInfo.InvariantCulture));
                    if (count > 0)
                    {
                        builder.Append(", ");
                    }
                }

                for (var i = 0; i < count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    AppendRule(builder, outOf.Rules[i], identities, quote);
                }

                builder.Append(')');
                break;
            default:
                builder.Append("<empty rule>");
                break;
        }
    }
}
