using Fabricish.Ledger.State;
using Fabricish.Protos.Peer;

namespace Fabricish.Committer.Validation;

/// <summary>The block's final codes after MVCC and the state updates of its valid transactions.</summary>
public sealed record MvccOutcome(IReadOnlyList<TxValidationCode> Codes, UpdateBatch Updates);
