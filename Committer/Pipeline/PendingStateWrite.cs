using Fabricish.Ledger.History;
using Fabricish.Ledger.State;
using Fabricish.Protos.Peer;

namespace Fabricish.Committer.Pipeline;

/// <summary>A block that is in the block store and whose valid writes wait to reach the state database, and then
/// its history the history database.</summary>
internal sealed record PendingStateWrite(ulong Number, IReadOnlyList<TxValidationCode> Codes, UpdateBatch Updates, HistoryBlock History)
{
    /// <summary>Fabric's savepoint: the block and its last transaction.</summary>
    public Height Savepoint => new(Number, Codes.Count > 0 ? (ulong)(Codes.Count - 1) : 0);
}
