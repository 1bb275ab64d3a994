using Fabricish.Channels.Msp;
using Fabricish.Peer.Tests.Events.Support;
using Fabricish.Protos.Common;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Transactions;
using Google.Protobuf;
using Grpc.Core;

namespace Fabricish.Peer.Tests.Gateway.Support;

/// <summary>What a Fabric Gateway client sends: signed proposals, signed prepared transactions and signed
/// CommitStatus/ChaincodeEvents requests, built as the official SDKs build them.</summary>
internal static class GatewayRequests
{
    public const string ChannelId = TestNetwork.ChannelId;

    public static (SignedProposal Proposal, string TxId) Proposal(
        SigningIdentity creator, string chaincode, string[] args, string channelId = ChannelId, IDictionary<string, byte[]>? transient = null)
    {
        ProposalDraft draft = ChaincodeProposals.Create(creator, channelId, chaincode, [.. args.Select(ByteString.CopyFromUtf8)], transient: transient);
        return (draft.Signed, draft.TxId);
    }

    public static EvaluateRequest Evaluate(SignedProposal proposal, string txId, string channelId = ChannelId) =>
        new() { ProposedTransaction = proposal, TransactionId = txId, ChannelId = channelId };

    public static EndorseRequest Endorse(SignedProposal proposal, string txId, params string[] endorsingOrganizations)
    {
        var request = new EndorseRequest { ProposedTransaction = proposal, TransactionId = txId, ChannelId = ChannelId };
        request.EndorsingOrganizations.AddRange(endorsingOrganizations);
        return request;
    }

    /// <summary>The client's signature over the prepared transaction's payload.</summary>
    public static Envelope Sign(Envelope prepared, SigningIdentity signer) =>
        new() { Payload = prepared.Payload, Signature = ByteString.CopyFrom(signer.Sign(prepared.Payload.Span)) };

    public static SignedCommitStatusRequest CommitStatus(SigningIdentity identity, string txId, SigningIdentity? signer = null, string channelId = ChannelId)
    {
        ByteString request = new CommitStatusRequest
        {
            ChannelId = channelId,
            TransactionId = txId,
            Identity = ByteString.CopyFrom(identity.Serialize()),
        }.ToByteString();
        return new SignedCommitStatusRequest { Request = request, Signature = ByteString.CopyFrom((signer ?? identity).Sign(request.Span)) };
    }

    public static SignedChaincodeEventsRequest ChaincodeEvents(SigningIdentity identity, string chaincode, SeekPosition? start, string? afterTxId = null)
    {
        var events = new ChaincodeEventsRequest
        {
            ChannelId = ChannelId,
            ChaincodeId = chaincode,
            Identity = ByteString.CopyFrom(identity.Serialize()),
            StartPosition = start,
            AfterTransactionId = afterTxId ?? string.Empty,
        };
        ByteString request = events.ToByteString();
        return new SignedChaincodeEventsRequest { Request = request, Signature = ByteString.CopyFrom(identity.Sign(request.Span)) };
    }

    /// <summary>The ErrorDetail entries of a gateway error's google.rpc.Status trailer.</summary>
    public static IReadOnlyList<ErrorDetail> Details(RpcException error)
    {
        Google.Rpc.Status? status = error.GetRpcStatus();
        Assert.NotNull(status);
        return [.. status.Details.Select(d => d.Unpack<ErrorDetail>())];
    }
}
