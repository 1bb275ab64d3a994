using Fabricish.Protos.Peer;

namespace Fabricish.Committer;

/// <summary>What <see cref="BlockCommitter.CommitAsync"/> did with a block: for a committed block, the final code of
/// each transaction; for a refused one, why.</summary>
public sealed record BlockCommitResult(ulong BlockNumber, BlockCommitStatus Status, IReadOnlyList<TxValidationCode> Codes, string? Reason = null)
{
    public static BlockCommitResult Refused(ulong blockNumber, string reason) => new(blockNumber, BlockCommitStatus.Refused, [], reason);
}
