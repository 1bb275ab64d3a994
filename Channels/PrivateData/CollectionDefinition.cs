using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Channels.PrivateData;

/// <summary>One private data collection of a chaincode as endorsement and commit use it (Fabric's
/// StaticCollectionConfig): the member organizations named by its member policy's principals, the dissemination
/// counts, blockToLive and the member-only flags.</summary>
public sealed record CollectionDefinition(
    string Name,
    IReadOnlySet<string> MemberMspIds,
    int RequiredPeerCount,
    int MaximumPeerCount,
    ulong BlockToLive,
    bool MemberOnlyRead,
    bool MemberOnlyWrite,
    ApplicationPolicy? EndorsementPolicy)
{
    /// <summary>Fabric's default implicitCollectionDisseminationPolicy (core.yaml): required 0, maximum 1 for the
    /// peer's own organization's implicit collection, 0 and 0 for any other organization's.</summary>
    public static CollectionDefinition Implicit(string mspId, string localMspId) => new(
        ImplicitCollections.NameForOrg(mspId),
        new HashSet<string>(StringComparer.Ordinal) { mspId },
        0,
        mspId == localMspId ? 1 : 0,
        0,
        false,
        false,
        null);

    public static CollectionDefinition From(StaticCollectionConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new(
            config.Name,
            MemberOrgs(config.MemberOrgsPolicy?.SignaturePolicy),
            config.RequiredPeerCount,
            config.MaximumPeerCount,
            config.BlockToLive,
            config.MemberOnlyRead,
            config.MemberOnlyWrite,
            config.EndorsementPolicy);
    }

    public bool IsMember(string mspId) => MemberMspIds.Contains(mspId);

    /// <summary>The organizations a member policy's ROLE and ORGANIZATION_UNIT principals name (Fabric's
    /// getMemberOrgs); an identity principal counts for no organization here.</summary>
    public static IReadOnlySet<string> MemberOrgs(SignaturePolicyEnvelope? policy)
    {
        var orgs = new HashSet<string>(StringComparer.Ordinal);
        foreach (MSPPrincipal principal in policy?.Identities ?? [])
        {
            try
            {
                string? mspId = principal.PrincipalClassification switch
                {
                    MSPPrincipal.Types.Classification.Role => MSPRole.Parser.ParseFrom(principal.Principal).MspIdentifier,
                    MSPPrincipal.Types.Classification.OrganizationUnit => OrganizationUnit.Parser.ParseFrom(principal.Principal).MspIdentifier,
                    _ => null,
                };
                if (!string.IsNullOrEmpty(mspId))
                {
                    orgs.Add(mspId);
                }
            }
            catch (InvalidProtocolBufferException)
            {
                // A principal that does not parse names no member; lifecycle validation refuses such a policy.
            }
        }

        return orgs;
    }
}
