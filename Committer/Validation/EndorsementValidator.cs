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
    /// <param name="prechecked">Endorsers whose signatures <see cref="BlockPrecheck"/> verified, by endorsement index.</param>
    public static EndorsementCheck Validate(
        ParsedEnvelope envelope, ChannelConfig config, IIdentityDeserializer identities, IEndorsementPolicyProvider policies, IIdentity?[]? prechecked = null)
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

        if (ReadWriteSets(action.Results, out List<NamespaceRwSet> rwSets, out List<(string Namespace, List<string> Keys)> written) is { } rwsetError)
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

        IReadOnlyList<IIdentity> endorsers = VerifiedEndorsers(envelope, identities, prechecked, null);
        if (written.Count > 1)
        {
            written.Sort(static (x, y) => string.CompareOrdinal(x.Namespace, y.Namespace));
        }

        // A failed chaincode policy is recorded, not final: a written key's own validation parameter replaces it
        // (Fabric's state-based endorsement), which the in-order stage decides against state.
        var outcomes = new ChaincodePolicyOutcome[written.Count];
        string? firstFailure = null;
        for (int n = 0; n < written.Count; n++)
        {
            (string ns, List<string> keys) = written[n];
            if (policies.GetWritePolicies(ns, keys, config) is not { } required)
            {
                return EndorsementCheck.Fail(TxValidationCode.InvalidChaincode, $"chaincode '{ns}' is not defined on channel {config.ChannelId}");
            }

            string? failure = null;
            foreach (IPolicy policy in required)
            {
                PolicyResult result = policy.EvaluateIdentities(endorsers);
                if (!result.Satisfied)
                {
                    failure = $"namespace '{ns}': {result.Reason}";
                    break;
                }
            }

            outcomes[n] = new ChaincodePolicyOutcome(ns, failure);
            firstFailure ??= failure;
        }

        var evidence = new EndorsementEvidence(endorsers, config, outcomes);
        return firstFailure is null
            ? new EndorsementCheck(TxValidationCode.Valid, null, rwSets, evidence)
            : new EndorsementCheck(TxValidationCode.EndorsementPolicyFailure, firstFailure, rwSets, evidence);
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
    private static string? ReadWriteSets(ByteString results, out List<NamespaceRwSet> rwSets, out List<(string Namespace, List<string> Keys)> written)
    {
        rwSets = [];
        written = new List<(string, List<string>)>(2);
        try
        {
            TxReadWriteSet txRwSet = TxReadWriteSet.Parser.ParseFrom(results.Span);
            rwSets.Capacity = txRwSet.NsRwset.Count;
            foreach (NsReadWriteSet ns in txRwSet.NsRwset)
            {
                KVRWSet kv = KVRWSet.Parser.ParseFrom(ns.Rwset.Span);
                rwSets.Add(new NamespaceRwSet(ns.Namespace, kv, CollectionRwSet.Parse(ns)));
                if (kv.Writes.Count > 0 || kv.MetadataWrites.Count > 0 || WritesPrivateData(ns))
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

    private static bool WritesPrivateData(NsReadWriteSet ns)
    {
        foreach (CollectionHashedReadWriteSet collection in ns.CollectionHashedRwset)
        {
            HashedRWSet hashed = HashedRWSet.Parser.ParseFrom(collection.HashedRwset.Span);
            if (hashed.HashedWrites.Count > 0 || hashed.MetadataWrites.Count > 0)
            {
                return true;
            }
        }

        return false;
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

    /// <summary>For <see cref="BlockPrecheck"/>: by endorsement index, the endorser whose signature verified (null when
    /// it did not, or the endorsement was skipped as <see cref="Validate"/> skips it).</summary>
    public static IIdentity?[] VerifyEndorsements(ParsedEnvelope envelope, IIdentityDeserializer deserializer)
    {
        var verified = new IIdentity?[envelope.ActionPayload!.Action?.Endorsements.Count ?? 0];
        _ = VerifiedEndorsers(envelope, deserializer, null, verified);
        return verified;
    }

    /// <summary>The endorsers whose signature verifies, first occurrence of each identity only: like Fabric's
    /// deduplicateIdentity, a repeated endorser is dropped before its signature is looked at, so signing twice
    /// never counts twice. A signature <paramref name="prechecked"/> verified for the same identity object is not
    /// verified again.</summary>
    private static List<IIdentity> VerifiedEndorsers(ParsedEnvelope envelope, IIdentityDeserializer deserializer, IIdentity?[]? prechecked, IIdentity?[]? verified)
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

            if (prechecked is not null && e < prechecked.Length && ReferenceEquals(prechecked[e], identity))
            {
                identities.Add(identity);
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
                    if (verified is not null)
                    {
                        verified[e] = identity;
                    }
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
