using Fabricish.Channels.Msp;
using Fabricish.Channels.Policies;
using Fabricish.Channels.PrivateData;
using Fabricish.Ledger.State;
using Fabricish.Protos.Common;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Committer.Validation;

/// <summary>Fabric's v20 endorsement policy evaluation with state-based endorsement (core/common/validation/statebased:
/// validator_keylevel.go, v20.go, vpmanagerimpl.go), run for one block in block order before MVCC. Each key a
/// transaction writes in a namespace (value or metadata, public or hashed) must satisfy its own validation parameter
/// when it has one; otherwise the collection's endorsement policy when the write is to a collection that has one;
/// otherwise the chaincode's policy, which is also required when no policy was checked at all. The validation parameter
/// is read from state as committed before the block; if an earlier transaction of the block changed the key's metadata
/// and passed this check for the namespace, the later writer is ENDORSEMENT_POLICY_FAILURE ("validation parameters ...
/// have been changed"), as in Fabric, however MVCC then judges the earlier one.</summary>
internal sealed class KeyLevelValidator(ulong blockNumber, IEndorsementPolicyProvider? policies, LatestState state)
{
    private readonly ulong _blockNumber = blockNumber;
    private readonly IEndorsementPolicyProvider? _policies = policies;
    private readonly LatestState _state = state;
    private readonly HashSet<(string Ns, string Collection, string Key)> _updatedInBlock = [];

    /// <summary>VALID or ENDORSEMENT_POLICY_FAILURE with the reason, for a transaction with <see cref="ValidatedTransaction.Endorsement"/>.</summary>
    public (TxValidationCode Code, string? Reason) Validate(ValidatedTransaction tx)
    {
        EndorsementEvidence evidence = tx.Endorsement ?? throw new ArgumentException("the transaction carries no endorsement evidence", nameof(tx));
        foreach (ChaincodePolicyOutcome outcome in evidence.Namespaces)
        {
            string? failure = new NamespaceEvaluation(this, tx, evidence, outcome).Evaluate();
            if (failure is not null)
            {
                return (TxValidationCode.EndorsementPolicyFailure, failure);
            }

            // Fabric's SetTxValidationResult(ns, nil): later writers of the keys whose metadata this namespace changes now
            // depend on this transaction.
            RecordMetadataWrites(tx, outcome.Namespace);
        }

        return (TxValidationCode.Valid, null);
    }

    private void RecordMetadataWrites(ValidatedTransaction tx, string ns)
    {
        foreach (NamespaceRwSet rwSet in tx.RwSets)
        {
            if (rwSet.Namespace != ns)
            {
                continue;
            }

            foreach (KVMetadataWrite write in rwSet.KvRwSet.MetadataWrites)
            {
                _updatedInBlock.Add((ns, "", write.Key));
            }

            foreach (CollectionRwSet collection in rwSet.CollectionSets)
            {
                foreach (KVMetadataWriteHash write in collection.Hashed.MetadataWrites)
                {
                    _updatedInBlock.Add((ns, collection.Collection, PrivateDataKeys.HashedKey(write.KeyHash.Span)));
                }
            }
        }
    }

    /// <summary>Fabric's baseEvaluator with policyCheckerV20 for one namespace of one transaction.</summary>
    private sealed class NamespaceEvaluation(KeyLevelValidator owner, ValidatedTransaction tx, EndorsementEvidence evidence, ChaincodePolicyOutcome chaincode)
    {
        private readonly HashSet<string> _checkedScopes = new(StringComparer.Ordinal);
        private bool _someChecked;

        public string? Evaluate()
        {
            string ns = chaincode.Namespace;
            foreach (NamespaceRwSet rwSet in tx.RwSets)
            {
                if (rwSet.Namespace != ns)
                {
                    continue;
                }

                foreach (KVWrite write in rwSet.KvRwSet.Writes)
                {
                    if (CheckKey("", write.Key, write.Key) is { } failure)
                    {
                        return failure;
                    }
                }

                foreach (KVMetadataWrite write in rwSet.KvRwSet.MetadataWrites)
                {
                    if (CheckKey("", write.Key, write.Key) is { } failure)
                    {
                        return failure;
                    }
                }

                foreach (CollectionRwSet collection in rwSet.CollectionSets)
                {
                    foreach (KVWriteHash write in collection.Hashed.HashedWrites)
                    {
                        if (CheckKey(collection.Collection, PrivateDataKeys.HashedKey(write.KeyHash.Span), Convert.ToHexStringLower(write.KeyHash.Span)) is { } failure)
                        {
                            return failure;
                        }
                    }
                }

                foreach (CollectionRwSet collection in rwSet.CollectionSets)
                {
                    foreach (KVMetadataWriteHash write in collection.Hashed.MetadataWrites)
                    {
                        if (CheckKey(collection.Collection, PrivateDataKeys.HashedKey(write.KeyHash.Span), Convert.ToHexStringLower(write.KeyHash.Span)) is { } failure)
                        {
                            return failure;
                        }
                    }
                }
            }

            // FAB-9473: at least the chaincode's policy when no key had one of its own.
            return _someChecked ? null : ChaincodePolicy();
        }

        /// <summary>Fabric's checkSBAndCCEP; <paramref name="stateKey"/> is the key in state (the base64 key hash in a
        /// collection's hashed namespace), <paramref name="shownKey"/> how messages name it.</summary>
        private string? CheckKey(string collection, string stateKey, string shownKey)
        {
            string ns = chaincode.Namespace;
            if (owner._updatedInBlock.Contains((ns, collection, stateKey)))
            {
                return $"validation parameters for key [{shownKey}] in namespace [{ns}:{collection}] have been changed in transaction {tx.Index} of block {owner._blockNumber}";
            }

            string stateNs = collection.Length == 0 ? ns : PrivateDataKeys.HashedNamespace(ns, collection);
            byte[]? parameter;
            try
            {
                parameter = KeyMetadata.ValidationParameterOf(owner._state.CommittedMetadata(stateNs, stateKey));
            }
            catch (InvalidProtocolBufferException e)
            {
                return $"could not retrieve metadata for {ns}:{collection}:{shownKey}: {e.Message}";
            }

            if (parameter is not { Length: > 0 })
            {
                return ChaincodeOrCollectionPolicy(collection);
            }

            PolicyResult result = Evaluate(parameter, $"validation parameter of {ns}:{collection}:{shownKey}");
            if (!result.Satisfied)
            {
                return $"validation of key {shownKey} (coll'{collection}':ns'{ns}') in tx {owner._blockNumber}:{tx.Index} failed: {result.Reason}";
            }

            _someChecked = true;
            return null;
        }

        /// <summary>Fabric's CheckCCEPIfNotChecked.</summary>
        private string? ChaincodeOrCollectionPolicy(string collection)
        {
            string ns = chaincode.Namespace;
            if (collection.Length > 0)
            {
                if (_checkedScopes.Contains(collection))
                {
                    return null;
                }

                CollectionPolicy policy = owner._policies?.GetCollectionPolicy(ns, collection, evidence.Config) ?? CollectionPolicy.ChaincodePolicy;
                if (policy.Problem is { } problem)
                {
                    return problem;
                }

                if (policy.Policy is { } collectionPolicy)
                {
                    PolicyResult result = collectionPolicy.EvaluateIdentities(evidence.Endorsers);
                    if (!result.Satisfied)
                    {
                        return $"validation of endorsement policy for collection {collection} chaincode {ns} in tx {owner._blockNumber}:{tx.Index} failed: {result.Reason}";
                    }

                    _checkedScopes.Add(collection);
                    _someChecked = true;
                    return null;
                }
            }

            return _checkedScopes.Contains("") ? null : ChaincodePolicy();
        }

        private string? ChaincodePolicy()
        {
            if (chaincode.Failure is { } failure)
            {
                return failure;
            }

            _checkedScopes.Add("");
            _someChecked = true;
            return null;
        }

        /// <summary>Fabric's toApplicationPolicyTranslator: the parameter is a marshalled SignaturePolicyEnvelope.</summary>
        private PolicyResult Evaluate(byte[] parameter, string name)
        {
            SignaturePolicyEnvelope envelope;
            try
            {
                envelope = SignaturePolicyEnvelope.Parser.ParseFrom(parameter);
            }
            catch (InvalidProtocolBufferException e)
            {
                return PolicyResult.NotSatisfied("could not unmarshal signature policy envelope: " + e.Message);
            }

            PolicyBuildResult<IPolicy> compiled = PolicyCompiler.CompileSignaturePolicy(envelope, evidence.Config.Msps, name);
            return compiled.Value is { } policy ? policy.EvaluateIdentities(evidence.Endorsers) : PolicyResult.NotSatisfied(compiled.Error!);
        }
    }
}
