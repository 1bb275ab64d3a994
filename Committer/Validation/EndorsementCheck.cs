using Fabricish.Protos.Peer;

namespace Fabricish.Committer.Validation;

/// <summary>What <see cref="EndorsementValidator"/> concluded, with the parsed read-write set when VALID.</summary>
/// <param name="Evidence">Set when the transaction parsed and its endorsements were checked: VALID, or
/// ENDORSEMENT_POLICY_FAILURE that key-level policies may still overturn in block order.</param>
internal readonly record struct EndorsementCheck(TxValidationCode Code, string? Reason, IReadOnlyList<NamespaceRwSet> RwSets, EndorsementEvidence? Evidence = null)
{
    public static EndorsementCheck Fail(TxValidationCode code, string reason) => new(code, reason, []);
}
