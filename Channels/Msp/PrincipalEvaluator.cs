using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Channels.Msp;

/// <summary>Matches an X.509 identity against an <c>MSPPrincipal</c> with Fabric's rules.</summary>
internal static class PrincipalEvaluator
{
    public static PrincipalCheck Evaluate(X509Identity identity, MSPPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        try
        {
            return principal.PrincipalClassification switch
            {
                MSPPrincipal.Types.Classification.Role => EvaluateRole(identity, MSPRole.Parser.ParseFrom(principal.Principal)),
                MSPPrincipal.Types.Classification.Identity => EvaluateIdentity(identity, SerializedIdentity.Parser.ParseFrom(principal.Principal)),
                MSPPrincipal.Types.Classification.OrganizationUnit => EvaluateOu(identity, OrganizationUnit.Parser.ParseFrom(principal.Principal)),
                _ => PrincipalCheck.No($"principal classification {principal.PrincipalClassification} is not supported by X.509 MSPs"),
            };
        }
        catch (InvalidProtocolBufferException)
        {
            return PrincipalCheck.No($"the {principal.PrincipalClassification} principal is malformed");
        }
    }

    private static PrincipalCheck EvaluateRole(X509Identity identity, MSPRole role)
    {
        string name = RoleName(role.Role);
        string label = $"{role.MspIdentifier}.{name}";
        if (role.MspIdentifier != identity.MspId)
        {
            return PrincipalCheck.No($"identity is of {identity.MspId}; principal {label} requires {role.MspIdentifier}");
        }

        switch (role.Role)
        {
            case MSPRole.Types.MSPRoleType.Member:
                return PrincipalCheck.Yes;
            case MSPRole.Types.MSPRoleType.Admin:
                return identity.IsAdmin
                    ? PrincipalCheck.Yes
                    : PrincipalCheck.No($"identity is a {identity.Description}; principal {label} requires an admin");
            case MSPRole.Types.MSPRoleType.Client:
            case MSPRole.Types.MSPRoleType.Peer:
            case MSPRole.Types.MSPRoleType.Orderer:
                if (!identity.Msp.NodeOUsEnabled)
                {
                    return PrincipalCheck.No($"{identity.MspId} does not enable NodeOUs, so principal {label} cannot be told apart");
                }

                var required = role.Role switch
                {
                    MSPRole.Types.MSPRoleType.Client => NodeRole.Client,
                    MSPRole.Types.MSPRoleType.Peer => NodeRole.Peer,
                    _ => NodeRole.Orderer,
                };
                return identity.Role == required
                    ? PrincipalCheck.Yes
                    : PrincipalCheck.No($"identity is a{Article(identity.Description)} {identity.Description}; principal {label} requires a{Article(name)} {name}");
            default:
                return PrincipalCheck.No($"principal role {role.Role} is not supported");
        }
    }

    private static PrincipalCheck EvaluateIdentity(X509Identity identity, SerializedIdentity principal)
    {
        if (principal.Mspid != identity.MspId)
        {
            return PrincipalCheck.No($"identity is of {identity.MspId}; the identity principal is of {principal.Mspid}");
        }

        byte[]? der = PemBlocks.DecodeFirst(principal.IdBytes.Span, "CERTIFICATE");
        return der is not null && identity.Certificate.RawDataMemory.Span.SequenceEqual(der)
            ? PrincipalCheck.Yes
            : PrincipalCheck.No("identity is not the one the identity principal names");
    }

    private static PrincipalCheck EvaluateOu(X509Identity identity, OrganizationUnit principal)
    {
        if (principal.MspIdentifier != identity.MspId)
        {
            return PrincipalCheck.No($"identity is of {identity.MspId}; OU principal requires {principal.MspIdentifier}");
        }

        foreach (string ou in identity.OrganizationalUnits)
        {
            if (ou == principal.OrganizationalUnitIdentifier && identity.CertifiersIdentifier.SequenceEqual(principal.CertifiersIdentifier.Span))
            {
                return PrincipalCheck.Yes;
            }
        }

        return PrincipalCheck.No($"identity has no OU '{principal.OrganizationalUnitIdentifier}' certified by the chain the principal names");
    }

    private static string RoleName(MSPRole.Types.MSPRoleType role) => role switch
    {
        MSPRole.Types.MSPRoleType.Member => "member",
        MSPRole.Types.MSPRoleType.Admin => "admin",
        MSPRole.Types.MSPRoleType.Client => "client",
        MSPRole.Types.MSPRoleType.Peer => "peer",
        MSPRole.Types.MSPRoleType.Orderer => "orderer",
        _ => role.ToString().ToLowerInvariant(),
    };

    private static string Article(string word) => word.Length > 0 && "aeiou".Contains(word[0], StringComparison.Ordinal) ? "n" : string.Empty;
}
