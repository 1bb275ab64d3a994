using Fabricish.Channels.Config;
using Fabricish.Channels.PrivateData;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Peer.Gateway;

/// <summary>
/// The organisation layouts a ChaincodeInterest needs, as Fabric's discovery computes them for the gateway and for an
/// endorsers query (discovery/endorsement PeersForEndorsement with PoliciesByChaincode): for each call, the policies of
/// its collections (a collection's own endorsement policy, else the chaincode's; an implicit collection's is its
/// organisation's members) or the chaincode's when it names none, the first of them dropped when the call disregards
/// the namespace policy, and each key-level policy; all combined. A call that reads a collection's values (not
/// NoPrivateReads) admits only the collection's member organisations (<see cref="Result.Members"/>).
/// </summary>
internal sealed class InterestLayouts(IEndorsementPolicyLookup policies, IGatewayCollections? collections)
{
    /// <summary>The layouts (least endorsements first) and the organisations whose peers may endorse (null: any).</summary>
    public sealed record Result(IReadOnlyList<EndorsementLayout> Layouts, IReadOnlySet<string>? Members)
    {
        /// <summary>The layouts that only need admitted organisations with enough known peers, per <paramref name="peers"/>.</summary>
        public IReadOnlyList<EndorsementLayout> Fitting(Func<string, int> peers) =>
            [.. Layouts.Where(l => l.Quantities.All(q => (Members is null || Members.Contains(q.Key)) && peers(q.Key) >= q.Value))];
    }

    /// <returns>The layouts, or no layouts and Fabric's reason.</returns>
    public async ValueTask<(Result? Result, string? Error)> ComputeAsync(ChaincodeInterest interest, ChannelConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interest);
        ArgumentNullException.ThrowIfNull(config);
        var definitions = new List<(ChaincodeCall Call, ApplicationPolicy Policy, ChaincodeCollections? Collections)>();
        HashSet<string>? members = null;

        // Fabric's loadMetadataAndFilters: every chaincode must be defined, and the collections read must exist.
        foreach (ChaincodeCall call in interest.Chaincodes)
        {
            if (await policies.GetEndorsementPolicyAsync(config.ChannelId, call.Name, cancellationToken).ConfigureAwait(false) is not { } policy)
            {
                return (null, $"No metadata was found for chaincode {call.Name} in channel {config.ChannelId}");
            }

            ChaincodeCollections? defined = call.CollectionNames.Count > 0 ? collections?.Collections(config, call.Name) : null;
            definitions.Add((call, policy, defined));
            if (call.CollectionNames.Count == 0 || call.NoPrivateReads)
            {
                continue;
            }

            foreach (string name in call.CollectionNames)
            {
                if (MembersOf(defined, name) is not { } collectionMembers)
                {
                    return (null, $"collection {name} doesn't exist in collection config for chaincode {call.Name}");
                }

                members ??= new HashSet<string>(collectionMembers, StringComparer.Ordinal);
                members.IntersectWith(collectionMembers);
            }
        }

        // Fabric's computePrincipalSets.
        List<EndorsementLayout> layouts = [EndorsementLayout.Empty];
        foreach ((ChaincodeCall call, ApplicationPolicy policy, ChaincodeCollections? defined) in definitions)
        {
            List<ApplicationPolicy> callPolicies = PoliciesOf(call, policy, defined);
            if (call.DisregardNamespacePolicy && call.KeyPolicies.Count == 0 && callPolicies.Count == 1)
            {
                return (null, $"requested to disregard chaincode {call.Name}'s policy but key and collection policies are missing, either disable DisregardNamespacePolicy or specify at least one key policy or at least one collection policy");
            }

            if (call.DisregardNamespacePolicy)
            {
                // As Fabric: the first policy is dropped, whichever it is.
                callPolicies = callPolicies.Count == 1 ? [] : callPolicies[1..];
            }

            foreach (ApplicationPolicy callPolicy in callPolicies)
            {
                if (EndorsementLayouts.Compute(callPolicy, config, out string? error) is not { } own)
                {
                    return (null, error);
                }

                if (own.Count == 0)
                {
                    return (null, "endorsement policy cannot be satisfied");
                }

                layouts = Product(layouts, own);
            }
        }

        foreach (ChaincodeCall call in interest.Chaincodes)
        {
            foreach (SignaturePolicyEnvelope keyPolicy in call.KeyPolicies)
            {
                List<EndorsementLayout> own = EndorsementLayouts.FromSignaturePolicy(keyPolicy);
                if (own.Count == 0)
                {
                    return (null, "state based endorsement policy cannot be satisfied");
                }

                layouts = Product(layouts, own);
            }
        }

        return (new Result(layouts, members), null);
    }

    /// <summary>The organisations of a collection, null when the chaincode has no such collection. An implicit
    /// collection always exists for its organisation (Fabric's metadata provider adds it whenever it is named).</summary>
    private static IReadOnlySet<string>? MembersOf(ChaincodeCollections? defined, string collection) =>
        ImplicitCollections.MspIdOf(collection) is { } mspId
            ? new HashSet<string>(StringComparer.Ordinal) { mspId }
            : defined?.Find(collection)?.MemberMspIds;

    /// <summary>Fabric's PoliciesByChaincode: the chaincode's policy when the call names no collection; otherwise each
    /// collection's endorsement policy, the chaincode's for a collection without one, each distinct policy once.</summary>
    private static List<ApplicationPolicy> PoliciesOf(ChaincodeCall call, ApplicationPolicy chaincodePolicy, ChaincodeCollections? defined)
    {
        if (call.CollectionNames.Count == 0)
        {
            return [chaincodePolicy];
        }

        var seen = new HashSet<ByteString>();
        var result = new List<ApplicationPolicy>();
        foreach (string name in call.CollectionNames)
        {
            ApplicationPolicy policy = ImplicitCollections.MspIdOf(name) is { } mspId
                ? SignedByMember(mspId)
                : defined?.Find(name)?.EndorsementPolicy ?? chaincodePolicy;
            if (seen.Add(policy.ToByteString()))
            {
                result.Add(policy);
            }
        }

        return result;
    }

    /// <summary>Fabric's policydsl.SignedByMspMember, the endorsement policy of an implicit collection.</summary>
    private static ApplicationPolicy SignedByMember(string mspId) => new()
    {
        SignaturePolicy = new SignaturePolicyEnvelope
        {
            Rule = new SignaturePolicy { NOutOf = new SignaturePolicy.Types.NOutOf { N = 1, Rules = { new SignaturePolicy { SignedBy = 0 } } } },
            Identities =
            {
                new Protos.Msp.MSPPrincipal
                {
                    PrincipalClassification = Protos.Msp.MSPPrincipal.Types.Classification.Role,
                    Principal = new Protos.Msp.MSPRole { MspIdentifier = mspId, Role = Protos.Msp.MSPRole.Types.MSPRoleType.Member }.ToByteString(),
                },
            },
        },
    };

    /// <summary>Each layout of one set with each of the other: both policies judge the same endorsements, so one peer
    /// of an organisation serves both.</summary>
    private static List<EndorsementLayout> Product(List<EndorsementLayout> left, IReadOnlyList<EndorsementLayout> right)
    {
        var combined = new List<EndorsementLayout>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (EndorsementLayout a in left)
        {
            foreach (EndorsementLayout b in right)
            {
                EndorsementLayout both = a.Combine(b, distinctSigners: false);
                if (seen.Add(both.ToString()))
                {
                    combined.Add(both);
                }
            }
        }

        return [.. combined.OrderBy(l => l.Total)];
    }
}
