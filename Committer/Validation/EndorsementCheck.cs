using Fabricish.Protos.Peer;

namespace Fabricish.Committer.Validation;

/// <summary>What <see cref="EndorsementValidator"/> concluded, with the parsed read-write set when VALID.</summary>
internal readonly record struct EndorsementCheck(TxValidationCode Code, string? Reason, IReadOnlyList<NamespaceRwSet> RwSets)
{
    public static EndorsementCheck Fail(TxValidationCode code, string reason) => new(code, reason, []);
}
