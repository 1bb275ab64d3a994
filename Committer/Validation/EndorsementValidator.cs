using System.Buffers;
using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Channels.Policies;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Committer.Validation;

/// <summary>Fabric's plugin dispatcher and built-in v20 validation plugin for one endorser transaction: the chaincode
/// action names the invoked chaincode consistently, the read-write set parses, and every namespace the transaction
/// writes (plus the invoked chaincode) has its endorsement policy satisfied by the endorsements, each endorser
/// counted once and each signature checked over ProposalResponsePayload ‖ endorser. The policies of a namespace come
/// from <see cref="IEndorsementPolicyProvider.GetWritePolicies"/>, so <c>_lifecycle</c> can require each approving
/// organization's own endorsement for its approval keys and LifecycleEndorsement for definitions.</summary>
internal static class EndorsementValidator
{
    public static EndorsementCheck Validate(ParsedEnvelope envelope, ChannelConfig config, IIdentityDeserializer identities, IEndorsementPolicyProvider policies)
    {
        ChaincodeHeaderExtension extension;
        try
        {
            extension = ChaincodeHeaderExtension.Parser.ParseFrom(envelope.ChannelHeader.Extension.Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            return EndorsementCheck.Fail(TxValidationCode.BadHeaderExtension, "header extension does not parse: " + e.Message);
        }

        ChaincodeAction action;
        try
        {
            action = ChaincodeAction.Parser.ParseFrom(envelope.ResponsePayload!.Extension.Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            return EndorsementCheck.Fail(TxValidationCode.BadResponsePayload, "chaincode action does not parse: " + e.Message);
        }

        if (ReadWriteSets(action.Results, out List<NamespaceRwSet> rwSets, out List<(string Namespace, List<string> Keys)> written, out List<(string Namespace, string Collection)>? collections) is { } rwsetError)
        {
            return EndorsementCheck.Fail(TxValidationCode.BadRwset, rwsetError);
        }

        if (Chaincode(extension, action) is { } chaincodeError)
        {
            return chaincodeError;
        }

        string chaincode = extension.ChaincodeId.Name;
        _ = KeysOf(written, chaincode);
        if (DuplicateNamespace(rwSets) is { } duplicate)
        {
            return EndorsementCheck.Fail(TxValidationCode.IllegalWriteset, $"duplicate namespace '{duplicate}' in txRWSet");
        }

        IReadOnlyList<IIdentity> endorsers = VerifiedEndorsers(envelope, identities);
        if (written.Count > 1)
        {
            written.Sort(static (x, y) => string.CompareOrdinal(x.Namespace, y.Namespace));
        }

        foreach ((string ns, List<string> keys) in written)
        {
            if (policies.GetWritePolicies(ns, keys, config) is not { } required)
            {
                return EndorsementCheck.Fail(TxValidationCode.InvalidChaincode, $"chaincode '{ns}' is not defined on channel {config.ChannelId}");
            }

            // As Fabric's key-level validator: a collection with its own policy answers for its writes, and the
            // namespace's policy is checked for public writes, other collections' writes, or when nothing else was.
            if (collections is not null && CollectionPolicies(ns, keys, collections, config, policies, out bool namespacePolicyNeeded) is { } collectionPolicies)
            {
                foreach (IPolicy policy in collectionPolicies)
                {
                    PolicyResult result = policy.EvaluateIdentities(endorsers);
                    if (!result.Satisfied)
                    {
                        return EndorsementCheck.Fail(TxValidationCode.EndorsementPolicyFailure, $"namespace '{ns}': {result.Reason}");
                    }
                }

                if (!namespacePolicyNeeded)
                {
                    continue;
                }
            }

            foreach (IPolicy policy in required)
            {
                PolicyResult result = policy.EvaluateIdentities(endorsers);
                if (!result.Satisfied)
                {
                    return EndorsementCheck.Fail(TxValidationCode.EndorsementPolicyFailure, $"namespace '{ns}': {result.Reason}");
                }
            }
        }

        return new EndorsementCheck(TxValidationCode.Valid, null, rwSets);
    }

    private static EndorsementCheck? Chaincode(ChaincodeHeaderExtension extension, ChaincodeAction action)
    {
        if (extension.ChaincodeId is null)
        {
            return EndorsementCheck.Fail(TxValidationCode.InvalidOtherReason, "nil ChaincodeId in header extension");
        }

        if (action.ChaincodeId is null)
        {
            return EndorsementCheck.Fail(TxValidationCode.InvalidOtherReason, "nil ChaincodeId in ChaincodeAction");
        }

        string name = extension.ChaincodeId.Name;
        if (name.Length == 0)
        {
            return EndorsementCheck.Fail(TxValidationCode.InvalidChaincode, "invalid chaincode ID");
        }

        if (name != action.ChaincodeId.Name)
        {
            return EndorsementCheck.Fail(TxValidationCode.InvalidChaincode, $"inconsistent ccid info ({name}/{action.ChaincodeId.Name})");
        }

        if (action.ChaincodeId.Version.Length == 0)
        {
            return EndorsementCheck.Fail(TxValidationCode.InvalidChaincode, "invalid chaincode version");
        }

        if (!action.Events.IsEmpty)
        {
            try
            {
                if (ChaincodeEvent.Parser.ParseFrom(action.Events.Span).ChaincodeId != name)
                {
                    return EndorsementCheck.Fail(TxValidationCode.InvalidOtherReason, "chaincode event chaincode id does not match chaincode action chaincode id");
                }
            }
            catch (InvalidProtocolBufferException e)
            {
                return EndorsementCheck.Fail(TxValidationCode.InvalidOtherReason, "invalid chaincode event: " + e.Message);
            }
        }

        return null;
    }

    /// <param name="written">Each namespace the transaction writes (once, however often the set lists it), with its
    /// public write keys; a transaction names few namespaces, so a list searched in place beats a dictionary.</param>
    /// <param name="collections">The collections with hashed writes, null when there are none (most transactions).</param>
    private static string? ReadWriteSets(
        ByteString results, out List<NamespaceRwSet> rwSets, out List<(string Namespace, List<string> Keys)> written, out List<(string Namespace, string Collection)>? collections)
    {
        rwSets = [];
        written = new List<(string, List<string>)>(2);
        collections = null;
        try
        {
            TxReadWriteSet txRwSet = TxReadWriteSet.Parser.ParseFrom(results.Span);
            rwSets.Capacity = txRwSet.NsRwset.Count;
            foreach (NsReadWriteSet ns in txRwSet.NsRwset)
            {
                KVRWSet kv = KVRWSet.Parser.ParseFrom(ns.Rwset.Span);
                rwSets.Add(new NamespaceRwSet(ns.Namespace, kv, CollectionRwSet.Parse(ns)));
                bool writesCollections = WrittenCollections(ns, ref collections);
                if (kv.Writes.Count > 0 || kv.MetadataWrites.Count > 0 || writesCollections)
                {
                    List<string> keys = KeysOf(written, ns.Namespace);
                    keys.EnsureCapacity(keys.Count + kv.Writes.Count + kv.MetadataWrites.Count);
                    foreach (KVWrite write in kv.Writes)
                    {
                        keys.Add(write.Key);
                    }

                    foreach (KVMetadataWrite write in kv.MetadataWrites)
                    {
                        keys.Add(write.Key);
                    }
                }
            }

            return null;
        }
        catch (InvalidProtocolBufferException e)
        {
            return "read-write set does not parse: " + e.Message;
        }
    }

    /// <summary>The write keys recorded for <paramref name="ns"/>, adding the namespace with none if it is new.</summary>
    private static List<string> KeysOf(List<(string Namespace, List<string> Keys)> written, string ns)
    {
        foreach ((string name, List<string> keys) in written)
        {
            if (name == ns)
            {
                return keys;
            }
        }

        var added = new List<string>();
        written.Add((ns, added));
        return added;
    }

    /// <summary>Adds the collections of <paramref name="ns"/> with hashed writes; true when there are any.</summary>
    private static bool WrittenCollections(NsReadWriteSet ns, ref List<(string Namespace, string Collection)>? collections)
    {
        bool any = false;
        foreach (CollectionHashedReadWriteSet collection in ns.CollectionHashedRwset)
        {
            HashedRWSet hashed = HashedRWSet.Parser.ParseFrom(collection.HashedRwset.Span);
            if (hashed.HashedWrites.Count > 0 || hashed.MetadataWrites.Count > 0)
            {
                (collections ??= []).Add((ns.Namespace, collection.CollectionName));
                any = true;
            }
        }

        return any;
    }

    /// <summary>The policies of the collections of <paramref name="ns"/> written that have their own; null when none
    /// has. <paramref name="namespacePolicyNeeded"/>: the namespace's policy must be checked as well.</summary>
    private static List<IPolicy>? CollectionPolicies(
        string ns, List<string> keys, List<(string Namespace, string Collection)> collections, ChannelConfig config, IEndorsementPolicyProvider policies, out bool namespacePolicyNeeded)
    {
        List<IPolicy>? own = null;
        namespacePolicyNeeded = keys.Count > 0;
        foreach ((string collectionNs, string collection) in collections)
        {
            if (collectionNs != ns)
            {
                continue;
            }

            if (policies.GetCollectionWritePolicy(ns, collection, config) is { } policy)
            {
                (own ??= []).Add(policy);
            }
            else
            {
                namespacePolicyNeeded = true;
            }
        }

        namespacePolicyNeeded |= own is null;
        return own;
    }

    private static string? DuplicateNamespace(List<NamespaceRwSet> rwSets)
    {
        for (int i = 1; i < rwSets.Count; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (rwSets[i].Namespace == rwSets[j].Namespace)
                {
                    return rwSets[i].Namespace;
                }
            }
        }

        return null;
    }

    /// <summary>The endorsers whose signature verifies, first occurrence of each identity only: like Fabric's
    /// deduplicateIdentity, a repeated endorser is dropped before its signature is looked at, so signing twice
    /// never counts twice.</summary>
    private static List<IIdentity> VerifiedEndorsers(ParsedEnvelope envelope, IIdentityDeserializer deserializer)
    {
        var endorsed = envelope.ActionPayload!.Action;
        ReadOnlySpan<byte> response = endorsed.ProposalResponsePayload.Span;
        var identities = new List<IIdentity>(endorsed.Endorsements.Count);
        for (int e = 0; e < endorsed.Endorsements.Count; e++)
        {
            Endorsement endorsement = endorsed.Endorsements[e];
            if (EndorsedEarlier(endorsed.Endorsements, e))
            {
                continue;
            }

            IdentityResult endorser = deserializer.Deserialize(endorsement.Endorser.Span);
            if (endorser.Identity is not { } identity)
            {
                continue;
            }

            int length = response.Length + endorsement.Endorser.Length;
            byte[] signed = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                response.CopyTo(signed);
                endorsement.Endorser.Span.CopyTo(signed.AsSpan(response.Length));
                if (identity.Verify(signed.AsSpan(0, length), endorsement.Signature.Span))
                {
                    identities.Add(identity);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(signed);
            }
        }

        return identities;
    }

    /// <summary>Whether an endorsement before <paramref name="index"/> has the same endorser; endorsements are few,
    /// so comparing in place costs less than hashing each.</summary>
    private static bool EndorsedEarlier(IList<Endorsement> endorsements, int index)
    {
        ReadOnlySpan<byte> endorser = endorsements[index].Endorser.Span;
        for (int i = 0; i < index; i++)
        {
            if (endorsements[i].Endorser.Span.SequenceEqual(endorser))
            {
                return true;
            }
        }

        return false;
    }
}
