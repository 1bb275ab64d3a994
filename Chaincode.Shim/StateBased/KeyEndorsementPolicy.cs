using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Chaincode.Shim.StateBased;

/// <summary>Fabric's statebased.KeyEndorsementPolicy (fabric-chaincode-go pkg/statebased): a key-level endorsement
/// policy as the set of organizations that must all endorse a change of the key, each with one MSP role. <see
/// cref="Policy"/> marshals it exactly as Fabric's stateEP does — principals sorted by MSP id, an N-out-of-N rule over
/// them — so a Go, Node or C# chaincode setting the same organizations writes the same bytes.</summary>
public sealed class KeyEndorsementPolicy
{
    private readonly Dictionary<string, MSPRole.Types.MSPRoleType> _orgs = new(StringComparer.Ordinal);

    /// <summary>An empty policy, to which <see cref="AddOrgs"/> adds organizations.</summary>
    public KeyEndorsementPolicy()
    {
    }

    /// <summary>Fabric's NewStateEP: the policy a key already has (its marshalled SignaturePolicyEnvelope, as
    /// <see cref="IChaincodeStub.GetStateValidationParameterAsync"/> returns it); null or empty starts an empty one. Only
    /// ROLE principals are kept, as in Fabric.</summary>
    /// <exception cref="ArgumentException">The bytes are not a SignaturePolicyEnvelope.</exception>
    public KeyEndorsementPolicy(byte[]? policy)
    {
        if (policy is null)
        {
            return;
        }

        SignaturePolicyEnvelope envelope;
        try
        {
            envelope = SignaturePolicyEnvelope.Parser.ParseFrom(policy);
            foreach (MSPPrincipal identity in envelope.Identities)
            {
                if (identity.PrincipalClassification == MSPPrincipal.Types.Classification.Role)
                {
                    MSPRole role = MSPRole.Parser.ParseFrom(identity.Principal);
                    _orgs[role.MspIdentifier] = role.Role;
                }
            }
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ArgumentException("Error unmarshaling to SignaturePolicy: " + e.Message, nameof(policy), e);
        }
    }

    /// <summary>Requires each of <paramref name="organizations"/> (MSP ids) to endorse with <paramref name="role"/>,
    /// replacing the role an organization already had.</summary>
    public void AddOrgs(RoleType role, params IEnumerable<string> organizations)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        MSPRole.Types.MSPRoleType mspRole = role switch
        {
            RoleType.Member => MSPRole.Types.MSPRoleType.Member,
            RoleType.Peer => MSPRole.Types.MSPRoleType.Peer,
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, $"role type {role} does not exist"),
        };
        foreach (string org in organizations)
        {
            ArgumentNullException.ThrowIfNull(org);
            _orgs[org] = mspRole;
        }
    }

    public void DelOrgs(params IEnumerable<string> organizations)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        foreach (string org in organizations)
        {
            _orgs.Remove(org);
        }
    }

    /// <summary>The MSP ids that must endorse, in ordinal order.</summary>
    public IReadOnlyList<string> ListOrgs()
    {
        var orgs = _orgs.Keys.ToList();
        orgs.Sort(StringComparer.Ordinal);
        return orgs;
    }

    /// <summary>The marshalled SignaturePolicyEnvelope: version 0, NOutOf(N, SignedBy(0..N-1)) over one ROLE
    /// principal per organization in MSP id order.</summary>
    public byte[] Policy()
    {
        IReadOnlyList<string> mspIds = ListOrgs();
        var rule = new SignaturePolicy.Types.NOutOf { N = mspIds.Count };
        var envelope = new SignaturePolicyEnvelope { Version = 0, Rule = new SignaturePolicy { NOutOf = rule } };
        for (int i = 0; i < mspIds.Count; i++)
        {
            var principal = new MSPRole { Role = _orgs[mspIds[i]], MspIdentifier = mspIds[i] };
            envelope.Identities.Add(new MSPPrincipal { PrincipalClassification = MSPPrincipal.Types.Classification.Role, Principal = principal.ToByteString() });
            rule.Rules.Add(new SignaturePolicy { SignedBy = i });
        }

        return envelope.ToByteArray();
    }
}
