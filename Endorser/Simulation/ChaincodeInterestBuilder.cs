using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Endorser.Simulation;

/// <summary>
/// Fabric's endorser buildChaincodeInterest with parseWritesetMetadata: which policies an endorsement must satisfy,
/// for the gateway and discovery to plan further endorsers. Every written key is looked up in committed state (Fabric's
/// checkStateMetadata and checkPrivateStateMetadata): one that carries a key-level validation parameter adds that
/// signature policy to the namespace's public call (collections' keys too); any other makes its collection's policy
/// (or the chaincode's, for a public key) required. A namespace only read needs its chaincode's policy; a collection
/// whose values were read gets a call without NoPrivateReads. When every public write of a namespace is guarded by a
/// key policy the public call carries the key policies with DisregardNamespacePolicy. System chaincodes are left out.
/// Fabric iterates Go maps here; the calls and key policies are ordered (namespace, public before collections, key)
/// so that every endorser answers alike.
/// </summary>
internal static class ChaincodeInterestBuilder
{
    /// <param name="namespaces">The namespaces of the public results.</param>
    /// <param name="written">Every written key with its committed VALIDATION_PARAMETER (null when it has none).</param>
    /// <param name="privateReads">The collections whose values were read (not only hashes), per namespace.</param>
    /// <exception cref="InvalidProtocolBufferException">A stored validation parameter is no SignaturePolicyEnvelope.</exception>
    public static ChaincodeInterest Build(
        IEnumerable<string> namespaces,
        IEnumerable<(WrittenKey Key, byte[]? ValidationParameter)> written,
        IReadOnlySet<(string Namespace, string Collection)> privateReads,
        Func<string, bool> isSystemChaincode)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(privateReads);
        ArgumentNullException.ThrowIfNull(isSystemChaincode);

        // namespace -> collection ("" for the public write set) -> whether its own policy is required.
        var required = new SortedDictionary<string, SortedDictionary<string, bool>>(StringComparer.Ordinal);
        var keyPolicies = new Dictionary<string, List<SignaturePolicyEnvelope>>(StringComparer.Ordinal);
        foreach ((WrittenKey key, byte[]? validationParameter) in written)
        {
            SortedDictionary<string, bool> collections = Entry(required, key.Namespace);
            collections.TryAdd(string.Empty, false);
            if (validationParameter is not null)
            {
                if (!keyPolicies.TryGetValue(key.Namespace, out List<SignaturePolicyEnvelope>? policies))
                {
                    policies = [];
                    keyPolicies[key.Namespace] = policies;
                }

                policies.Add(SignaturePolicyEnvelope.Parser.ParseFrom(validationParameter));
            }
            else
            {
                collections[key.Collection] = true;
            }
        }

        foreach (string ns in namespaces)
        {
            if (!isSystemChaincode(ns) && !required.ContainsKey(ns))
            {
                Entry(required, ns)[string.Empty] = true;
            }
        }

        foreach ((string ns, string collection) in privateReads)
        {
            Entry(required, ns)[collection] = true;
        }

        var interest = new ChaincodeInterest();
        foreach ((string ns, SortedDictionary<string, bool> collections) in required)
        {
            if (isSystemChaincode(ns))
            {
                continue;
            }

            bool chaincodePolicyRequired = collections.GetValueOrDefault(string.Empty);
            foreach ((string collection, _) in collections)
            {
                var call = new ChaincodeCall { Name = ns };
                if (collection.Length == 0)
                {
                    if (keyPolicies.GetValueOrDefault(ns) is { Count: > 0 } policies)
                    {
                        // As Fabric: key policies always ride on the public call, which disregards the chaincode's
                        // policy unless an unguarded public key needs it.
                        call.KeyPolicies.AddRange(policies);
                        call.DisregardNamespacePolicy = !chaincodePolicyRequired;
                    }
                    else if (!chaincodePolicyRequired)
                    {
                        continue;
                    }
                }
                else
                {
                    call.CollectionNames.Add(collection);
                    call.NoPrivateReads = !privateReads.Contains((ns, collection));
                }

                interest.Chaincodes.Add(call);
            }
        }

        return interest;
    }

    private static SortedDictionary<string, bool> Entry(SortedDictionary<string, SortedDictionary<string, bool>> required, string ns)
    {
        if (!required.TryGetValue(ns, out SortedDictionary<string, bool>? collections))
        {
            collections = new SortedDictionary<string, bool>(StringComparer.Ordinal);
            required[ns] = collections;
        }

        return collections;
    }
}
