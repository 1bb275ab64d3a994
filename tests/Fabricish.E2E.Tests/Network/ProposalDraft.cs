using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.E2E.Tests.Network;

/// <summary>A signed chaincode proposal together with the parts the client reuses in the transaction envelope.</summary>
public sealed record ProposalDraft(string TxId, Header Header, ByteString ProposalPayload, SignedProposal Signed);
