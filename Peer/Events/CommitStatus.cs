using Fabricish.Protos.Peer;

namespace Fabricish.Peer.Events;

/// <summary>How a transaction was committed: its validation code and the block that holds it.</summary>
internal readonly record struct CommitStatus(TxValidationCode Code, ulong BlockNumber);
