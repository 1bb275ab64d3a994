using Fabricish.Protos.Gateway;
using Google.Protobuf;

namespace Fabricish.Client;

/// <summary>A transaction accepted by the orderers, as fabric-gateway's <c>SubmittedTransaction</c>: its result is
/// available at once; <see cref="GetStatusAsync"/> waits for the commit.</summary>
public sealed class SubmittedTransaction
{
    private readonly GatewayConnection _connection;
    private readonly string _channelId;
    private readonly byte[] _result;

    internal SubmittedTransaction(GatewayConnection connection, string channelId, string transactionId, byte[] result, int responseStatus, string responseMessage)
    {
        _connection = connection;
        _channelId = channelId;
        _result = result;
        TransactionId = transactionId;
        ResponseStatus = responseStatus;
        ResponseMessage = responseMessage;
    }

    public string TransactionId { get; }

    public byte[] Result => (byte[])_result.Clone();

    public int ResponseStatus { get; }

    public string ResponseMessage { get; }

    /// <summary>Waits until a peer commits the transaction and returns its validation code; a non-VALID code is a
    /// value here, not an exception.</summary>
    public async Task<Status> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        SigningContext signing = _connection.Signing;
        ByteString request = new CommitStatusRequest
        {
            TransactionId = TransactionId,
            ChannelId = _channelId,
            Identity = signing.Creator,
        }.ToByteString();
        var signed = new SignedCommitStatusRequest { Request = request, Signature = signing.Sign(request) };
        CommitStatusResponse response = await _connection.CommitStatusAsync(TransactionId, signed, cancellationToken).ConfigureAwait(false);
        return new Status(TransactionId, response.Result, response.BlockNumber);
    }
}
