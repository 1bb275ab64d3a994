using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Testing.Transactions;

/// <summary>A signed chaincode proposal together with the parts the client reuses in the transaction envelope (the
/// proposal payload without its transient map, as Fabric puts it in the transaction).</summary>
public sealed record ProposalDraft(string TxId, Header Header, ByteString ProposalPayload, SignedProposal Signed);
