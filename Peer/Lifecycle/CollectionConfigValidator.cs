using System.Text.RegularExpressions;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Peer.Lifecycle;

/// <summary>Fabric's _lifecycle validateCollectionConfigs (core/chaincode/lifecycle/scc.go): each collection a static
/// one with a valid, unique name, counts that make sense, and a member policy of ORs naming only organizations of
/// the channel.</summary>
internal static partial class CollectionConfigValidator
{
    /// <returns>null when valid, else Fabric's message.</returns>
    public static string? Validate(CollectionConfigPackage? package, IReadOnlyCollection<string> channelMspIds)
    {
        ArgumentNullException.ThrowIfNull(channelMspIds);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (CollectionConfig config in package?.Config ?? [])
        {
            if (config.PayloadCase != CollectionConfig.PayloadOneofCase.StaticCollectionConfig)
            {
                return "collection configuration is empty";
            }

            StaticCollectionConfig c = config.StaticCollectionConfig;
            if (!NamePattern().IsMatch(c.Name))
            {
                return $"invalid collection name '{c.Name}'. Names can only consist of alphanumerics, '_', and '-' and cannot begin with '_'";
            }

            if (!names.Add(c.Name))
            {
                return $"collection-name: {c.Name} -- found duplicate in collection configuration";
            }

            if (c.MaximumPeerCount < c.RequiredPeerCount)
            {
                return $"collection-name: {c.Name} -- maximum peer count ({c.MaximumPeerCount}) cannot be less than the required peer count ({c.RequiredPeerCount})";
            }

            if (c.RequiredPeerCount < 0)
            {
                return $"collection-name: {c.Name} -- requiredPeerCount ({c.RequiredPeerCount}) cannot be less than zero";
            }

            if (MemberOrgsPolicyError(c, channelMspIds) is { } invalid)
            {
                return invalid;
            }
        }

        return null;
    }

    private static string? MemberOrgsPolicyError(StaticCollectionConfig c, IReadOnlyCollection<string> channelMspIds)
    {
        if (c.MemberOrgsPolicy is null)
        {
            return $"collection member policy is not set for collection '{c.Name}'";
        }

        if (c.MemberOrgsPolicy.SignaturePolicy is not { } policy)
        {
            return $"collection member org policy is empty for collection '{c.Name}'";
        }

        if (policy.Rule is not null && NotOrConcatenation(policy.Rule) is { } n)
        {
            return $"collection-name: {c.Name} -- error in member org policy: signature policy is not an OR concatenation, NOutOf {n}";
        }

        foreach (MSPPrincipal principal in policy.Identities)
        {
            string mspId;
            try
            {
                switch (principal.PrincipalClassification)
                {
                    case MSPPrincipal.Types.Classification.Role:
                        mspId = MSPRole.Parser.ParseFrom(principal.Principal).MspIdentifier;
                        break;
                    case MSPPrincipal.Types.Classification.OrganizationUnit:
                        mspId = OrganizationUnit.Parser.ParseFrom(principal.Principal).MspIdentifier;
                        break;
                    default:
                        return $"collection-name: {c.Name} -- principal type {principal.PrincipalClassification.ToString().ToUpperInvariant()} is not supported";
                }
            }
            catch (InvalidProtocolBufferException e)
            {
                return $"collection-name: {c.Name} -- cannot unmarshal identity bytes: {e.Message}";
            }

            if (!channelMspIds.Contains(mspId))
            {
                return $"collection-name: {c.Name} -- collection member '{mspId}' is not part of the channel";
            }
        }

        return null;
    }

    /// <summary>Fabric's validateSpOrConcat: the N of the first gate that is not 1-out-of-n, or null when every gate
    /// down to the signed-by leaves is an OR.</summary>
    private static int? NotOrConcatenation(SignaturePolicy rule)
    {
        if (rule.TypeCase != SignaturePolicy.TypeOneofCase.NOutOf)
        {
            return null;
        }

        if (rule.NOutOf.N != 1)
        {
            return rule.NOutOf.N;
        }

        foreach (SignaturePolicy sub in rule.NOutOf.Rules)
        {
            if (NotOrConcatenation(sub) is { } n)
            {
                return n;
            }
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9-]+([A-Za-z0-9_-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
