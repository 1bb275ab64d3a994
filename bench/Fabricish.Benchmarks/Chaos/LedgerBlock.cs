using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Benchmarks.Chaos;

/// <summary>What two peers' copies of a block must agree on: the chain fields, the validation codes and the
/// commit hash (Fabric's hash over the block's valid state updates).</summary>
public sealed record LedgerBlock(ulong Number, ByteString PreviousHash, ByteString DataHash, ByteString TransactionsFilter, ByteString CommitHash, IReadOnlyList<(string TxId, TxValidationCode Code)> Transactions)
{
    public bool SameAs(LedgerBlock other) =>
        other is not null && Number == other.Number && PreviousHash.Equals(other.PreviousHash) && DataHash.Equals(other.DataHash)
        && TransactionsFilter.Equals(other.TransactionsFilter) && CommitHash.Equals(other.CommitHash);
}
