using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;

namespace Fabricish.Committer.Validation;

/// <summary>The outcome of validating one transaction of a block, before MVCC: its code and, for a valid
/// transaction, what the later stages need so the envelope is never parsed again.</summary>
public sealed record ValidatedTransaction
{
    public required int Index { get; init; }

    public required TxValidationCode Code { get; init; }

    /// <summary>Why the transaction is invalid, for logs; null when valid.</summary>
    public string? Reason { get; init; }

    /// <summary>Set once the headers parsed; empty for envelopes too malformed to name one.</summary>
    public string TxId { get; init; } = "";

    public HeaderType Type { get; init; }

    /// <summary>The read-write set of a valid endorser transaction, in the order the transaction lists namespaces.</summary>
    public IReadOnlyList<NamespaceRwSet> RwSets { get; init; } = [];

    /// <summary>For an endorser transaction whose endorsements were checked (VALID, or ENDORSEMENT_POLICY_FAILURE that
    /// key-level policies may overturn): what the in-order key-level stage needs.</summary>
    public EndorsementEvidence? Endorsement { get; init; }

    /// <summary>The configuration a valid CONFIG transaction carries.</summary>
    public ConfigEnvelope? Config { get; init; }

    public bool IsValid => Code == TxValidationCode.Valid;

    /// <summary>Valid, or failed only its chaincode endorsement policy, which validation parameters of the keys it
    /// writes may replace in block order.</summary>
    public bool MayBeValid => IsValid || (Code == TxValidationCode.EndorsementPolicyFailure && Endorsement is not null);

    public static ValidatedTransaction Invalid(int index, TxValidationCode code, string reason, string txId = "", HeaderType type = HeaderType.Message) =>
        new() { Index = index, Code = code, Reason = reason, TxId = txId, Type = type };
}
