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
    public static EndorsementCheck Validate(ParsedEnvelope envelope, ChannelConfig config, IEndorsementPolicyProvider policies)
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

        if (ReadWriteSets(action.Results, out List<NamespaceRwSet> rwSets, out Dictionary<string, List<string>> written) is { } rwsetError)
        {
            return EndorsementCheck.Fail(TxValidationCode.BadRwset, rwsetError);
        }

        if (Chaincode(extension, action) is { } chaincodeError)
        {
            return chaincodeError;
        }

        string chaincode = extension.ChaincodeId.Name;
        written.TryAdd(chaincode, []);
        if (DuplicateNamespace(rwSets) is { } duplicate)
        {
            return EndorsementCheck.Fail(TxValidationCode.IllegalWriteset, $"duplicate namespace '{duplicate}' in txRWSet");
        }

        IReadOnlyList<IIdentity> endorsers = VerifiedEndorsers(envelope, config.Msps);
        foreach ((string ns, List<string> keys) in written.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            if (policies.GetWritePolicies(ns, keys, config) is not { } required)
            {
                return EndorsementCheck.Fail(TxValidationCode.InvalidChaincode, $"chaincode '{ns}' is not defined on channel {config.ChannelId}");
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

    /// <param name="written">Each namespace the transaction writes, with its public write keys.</param>
    private static string? ReadWriteSets(ByteString results, out List<NamespaceRwSet> rwSets, out Dictionary<string, List<string>> written)
    {
        rwSets = [];
        written = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        try
        {
            TxReadWriteSet txRwSet = TxReadWriteSet.Parser.ParseFrom(results.Span);
            foreach (NsReadWriteSet ns in txRwSet.NsRwset)
            {
                KVRWSet kv = KVRWSet.Parser.ParseFrom(ns.Rwset.Span);
                rwSets.Add(new NamespaceRwSet(ns.Namespace, kv));
                if (kv.Writes.Count > 0 || kv.MetadataWrites.Count > 0 || WritesPrivateData(ns))
                {
                    if (!written.TryGetValue(ns.Namespace, out List<string>? keys))
                    {
                        keys = [];
                        written[ns.Namespace] = keys;
                    }

                    keys.AddRange(kv.Writes.Select(w => w.Key));
                    keys.AddRange(kv.MetadataWrites.Select(w => w.Key));
                }
            }

            return null;
        }
        catch (InvalidProtocolBufferException e)
        {
            return "read-write set does not parse: " + e.Message;
        }
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
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (NamespaceRwSet ns in rwSets)
        {
            if (!seen.Add(ns.Namespace))
            {
                return ns.Namespace;
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
        var seen = new HashSet<ByteString>();
        var identities = new List<IIdentity>(endorsed.Endorsements.Count);
        foreach (Endorsement endorsement in endorsed.Endorsements)
        {
            if (!seen.Add(endorsement.Endorser))
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
}
