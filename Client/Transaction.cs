using Fabricish.Protos.Common;
using Fabricish.Protos.Gateway;
using Google.Protobuf;
using Fabricish.Protos.Peer;

namespace Fabricish.Client;

/// <summary>An endorsed transaction, as fabric-gateway's <c>Transaction</c>: its result is known; submitting it sends it
/// (signed by the client) to the orderers.</summary>
public sealed class Transaction
{
    private readonly GatewayConnection _connection;
    private readonly string _channelId;
    private readonly Envelope _envelope;
    private readonly Response _response;

    internal Transaction(GatewayConnection connection, string channelId, string transactionId, Envelope envelope)
    {
        if (!TransactionResult.TryParse(envelope, out Response response, out string? error))
        {
            throw new EndorseException(transactionId, error!, Grpc.Core.StatusCode.Internal, [], null);
        }

        _connection = connection;
        _channelId = channelId;
        _envelope = envelope;
        _response = response;
        TransactionId = transactionId;
    }

    public string TransactionId { get; }

    /// <summary>The transaction function's return value, as the endorsers computed it.</summary>
    public byte[] Result => _response.Payload.ToByteArray();

    /// <summary>The chaincode response's status (200 on success) and message, as Fabric's CLI prints them.</summary>
    public int ResponseStatus => _response.Status;

    public string ResponseMessage => _response.Message;

    /// <summary>The serialised <c>gateway.PreparedTransaction</c>.</summary>
    public byte[] GetBytes() => new PreparedTransaction { TransactionId = TransactionId, Envelope = _envelope }.ToByteArray();

    /// <summary>Signs the envelope (once) and sends it to the ordering service; the returned handle waits for commit.</summary>
    public async Task<SubmittedTransaction> SubmitAsync(CancellationToken cancellationToken = default)
    {
        if (_envelope.Signature.IsEmpty)
        {
            _envelope.Signature = _connection.Signing.Sign(_envelope.Payload);
        }

        var request = new SubmitRequest { TransactionId = TransactionId, ChannelId = _channelId, PreparedTransaction = _envelope };
        await _connection.SubmitAsync(request, cancellationToken).ConfigureAwait(false);
        return new SubmittedTransaction(_connection, _channelId, TransactionId, Result, _response.Status, _response.Message);
    }
}
