using Fabricish.Channels.Policies;
using Fabricish.Hosting.Rpc;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Orderer;
using Grpc.Core;

namespace Fabricish.Peer.Gateway;

/// <summary>
/// Every error the gateway answers a client with, one factory each, so a wording or code changes in one place. The
/// codes and messages follow Fabric's gateway where it has the error; as its <c>newRpcError</c> does, an error about
/// other nodes carries one <see cref="ErrorDetail"/> per peer or orderer that failed.
/// </summary>
internal static class GatewayErrors
{
    /// <summary>What one node (address and MSP) answered, for an error's details.</summary>
    public static ErrorDetail Detail(string address, string mspId, string message) =>
        new() { Address = address ?? string.Empty, MspId = mspId ?? string.Empty, Message = message ?? string.Empty };

    public static RpcException ChannelNotFound(string channelId) =>
        RpcExceptions.Create(StatusCode.NotFound, $"channel {channelId} not found: this peer has not joined it");

    public static RpcException ChaincodeNotFound(string chaincodeName, string channelId) =>
        RpcExceptions.Create(StatusCode.NotFound, $"chaincode {chaincodeName} not found on channel {channelId}: it has no definition there");

    public static RpcException ProposalInvalid(string error) => RpcExceptions.Create(StatusCode.InvalidArgument, error);

    public static RpcException ProposalNotUnpacked(string? error) =>
        RpcExceptions.Create(StatusCode.InvalidArgument, $"failed to unpack transaction proposal: {error}");

    /// <param name="what">The request's name in the message: <c>commit status</c>, <c>chaincode events</c>.</param>
    public static RpcException RequestMissing(string what) => RpcExceptions.Create(StatusCode.InvalidArgument, $"a {what} request is required");

    public static RpcException RequestInvalid(string what, string error) =>
        RpcExceptions.Create(StatusCode.InvalidArgument, $"invalid {what} request: {error}");

    public static RpcException NotChannelReader(string channelId, string denied) =>
        RpcExceptions.Create(StatusCode.PermissionDenied,
            $"the request is not signed by a reader of channel {channelId} ({PolicyManager.ApplicationReaders}): {denied}");

    public static RpcException StartPositionInvalid(SeekPosition.TypeOneofCase positionType) =>
        RpcExceptions.Create(StatusCode.InvalidArgument, $"invalid start position type: {positionType}");

    public static RpcException NoEvaluators(string chaincodeName, string channelId, bool transientProtected)
    {
        string reason = $"no peers available to evaluate chaincode {chaincodeName} in channel {channelId}";
        return RpcExceptions.Create(StatusCode.FailedPrecondition, transientProtected
            ? $"no endorsers found in the gateway's organization; retry specifying target organization(s) to protect transient data: {reason}"
            : reason);
    }

    public static RpcException EvaluateRefused(StatusCode code, string message, IEnumerable<ErrorDetail> details) =>
        RpcExceptions.Create(code, "evaluate call to endorser returned error: " + message, details);

    public static RpcException EvaluateFailed(StatusCode code, IEnumerable<ErrorDetail> details) =>
        RpcExceptions.Create(code, "failed to evaluate transaction, see attached details for more info", details);

    public static RpcException NoEndorsersForOrgs(IEnumerable<string> organizations) =>
        RpcExceptions.Create(StatusCode.Unavailable, $"failed to find any endorsing peers for org(s): {string.Join(", ", organizations)}");

    /// <param name="error">Why the policy's layouts cannot be computed.</param>
    public static RpcException EndorsementPolicyUnusable(string error) => RpcExceptions.Create(StatusCode.FailedPrecondition, error);

    public static RpcException EndorsementPolicyUnsatisfiable(string chaincodeName, string channelId) =>
        RpcExceptions.Create(StatusCode.FailedPrecondition,
            $"the endorsement policy of chaincode {chaincodeName} on channel {channelId} cannot be satisfied by any organisations");

    public static RpcException NoLocalEndorsersForTransientData() =>
        RpcExceptions.Create(StatusCode.FailedPrecondition,
            "no endorsers found in the gateway's organization; retry specifying endorsing organization(s) to protect transient data");

    /// <summary>Fabric's gateway when the transient data's collections rule out every layout the policy has.</summary>
    public static RpcException TransientDataOutsideCollections(IEnumerable<string> collections) =>
        RpcExceptions.Create(StatusCode.FailedPrecondition,
            $"requires endorsement from organisation(s) that are not in the distribution policy of the private data collection(s): [{string.Join(" ", collections)}]; " +
            "retry specifying trusted endorsing organizations to protect transient data");

    /// <summary>Fabric's registry.endorsementPlan wrapping discovery's reason (for example "no peer combination can
    /// satisfy the endorsement policy").</summary>
    public static RpcException NoEndorsementPlan(string reason) =>
        RpcExceptions.Create(StatusCode.FailedPrecondition, "no combination of peers can be derived which satisfy the endorsement policy: " + reason);

    /// <param name="layout">The layout that lacks least.</param>
    /// <param name="missing">The organisations of that layout without enough known peers.</param>
    public static RpcException NoEndorsementCombination(string chaincodeName, string channelId, EndorsementLayout layout, IEnumerable<string> missing) =>
        RpcExceptions.Create(StatusCode.FailedPrecondition,
            $"no combination of peers can be derived which satisfy the endorsement policy of chaincode {chaincodeName} on channel {channelId}: " +
            $"it needs endorsements from {layout} but no peers of {string.Join(", ", missing)} are known to this gateway " +
            $"(anchor peers in the channel configuration, or Peer:Gateway:Peers)");

    /// <summary>Fabric's error when endorsement could not complete, with every peer's answer attached.</summary>
    /// <param name="mismatch">Which peers returned different results, when that is why.</param>
    public static RpcException EndorsementFailed(string message, string? mismatch, IEnumerable<ErrorDetail> details) =>
        RpcExceptions.Create(StatusCode.Aborted, mismatch is null ? message : $"{message}: {mismatch}", details);

    public static RpcException PreparedTransactionMissing() =>
        RpcExceptions.Create(StatusCode.InvalidArgument, "a prepared transaction is required");

    public static RpcException PreparedTransactionUnsigned() =>
        RpcExceptions.Create(StatusCode.InvalidArgument, "prepared transaction must be signed");

    public static RpcException PreparedTransactionNoHeader() =>
        RpcExceptions.Create(StatusCode.InvalidArgument, "the prepared transaction has no header");

    public static RpcException PreparedTransactionMalformed(string error) =>
        RpcExceptions.Create(StatusCode.InvalidArgument, $"the prepared transaction is malformed: {error}");

    public static RpcException PreparedTransactionChannelMismatch(string channelId, string requestedChannelId) =>
        RpcExceptions.Create(StatusCode.InvalidArgument, $"the prepared transaction is for channel {channelId}, not {requestedChannelId}");

    public static RpcException PreparedTransactionTxIdMismatch(string txId, string requestedTxId) =>
        RpcExceptions.Create(StatusCode.InvalidArgument, $"the prepared transaction has transaction ID {txId}, not {requestedTxId}");

    public static RpcException CreatorNotMember(string txId, string channelId, string? error) =>
        RpcExceptions.Create(StatusCode.PermissionDenied,
            $"the creator of transaction {txId} is not a valid member of channel {channelId}: {error}");

    public static RpcException SignatureNotCreators(string txId, string mspId) =>
        RpcExceptions.Create(StatusCode.PermissionDenied,
            $"the signature of transaction {txId} does not verify against its creator ({mspId}): the proposal's creator must sign the prepared transaction");

    public static RpcException AlreadyCommitted(string txId, string channelId, ulong blockNumber) =>
        RpcExceptions.Create(StatusCode.AlreadyExists,
            $"transaction {txId} is already on the ledger of channel {channelId} (block {blockNumber}): "
            + "submitting it again would only be invalidated as DUPLICATE_TXID; its commit status tells its outcome");

    public static RpcException NoOrderers() => RpcExceptions.Create(StatusCode.Unavailable, "no orderer nodes available");

    /// <summary>An orderer refused the transaction as every node would (a client error status, a size over its
    /// limit): the attempt ends.</summary>
    public static RpcException OrdererRefused(string message, IEnumerable<ErrorDetail> details) =>
        RpcExceptions.Create(StatusCode.Aborted, message, details);

    public static RpcException OrderingFailed(IEnumerable<ErrorDetail> details) =>
        RpcExceptions.Create(StatusCode.Unavailable, "no orderers could successfully process transaction", details);

    /// <summary>An orderer ended a Broadcast stream without answering; reported as that node's failure.</summary>
    public static RpcException OrdererClosedStream() =>
        RpcExceptions.Create(StatusCode.Unavailable, "the orderer closed the broadcast stream without a response");
}
