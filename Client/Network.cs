using System.Runtime.CompilerServices;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Orderer;
using Google.Protobuf;
using Grpc.Core;

namespace Fabricish.Client;

/// <summary>A channel seen through the gateway, as fabric-gateway's <c>Network</c>: its contracts and its chaincode
/// event streams.</summary>
public sealed class Network
{
    private readonly GatewayConnection _connection;

    internal Network(GatewayConnection connection, string name)
    {
        _connection = connection;
        Name = name;
    }

    public string Name { get; }

    public Contract GetContract(string chaincodeName, string? contractName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(chaincodeName);
        return new Contract(_connection, Name, chaincodeName, string.IsNullOrEmpty(contractName) ? null : contractName);
    }

    /// <summary>The events of a chaincode's committed transactions, in block order, from the start the options give.
    /// Reading stops when the caller stops enumerating or cancels; a failed stream throws <see cref="GatewayException"/>.
    /// Checkpointing is the caller's: call the checkpointer after processing each event.</summary>
    public async IAsyncEnumerable<ChaincodeEvent> GetChaincodeEventsAsync(
        string chaincodeName,
        ChaincodeEventsOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(chaincodeName);
        SignedChaincodeEventsRequest request = NewChaincodeEventsRequest(chaincodeName, options ?? new ChaincodeEventsOptions());
        using AsyncServerStreamingCall<ChaincodeEventsResponse> call = _connection.ChaincodeEvents(request, cancellationToken);
        while (true)
        {
            ChaincodeEventsResponse response;
            try
            {
                if (!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }

                response = call.ResponseStream.Current;
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw GatewayErrors.Gateway(e);
            }

            foreach (var e in response.Events)
            {
                yield return new ChaincodeEvent(response.BlockNumber, e.TxId, e.ChaincodeId, e.EventName, e.Payload.ToByteArray());
            }
        }
    }

    internal SignedChaincodeEventsRequest NewChaincodeEventsRequest(string chaincodeName, ChaincodeEventsOptions options)
    {
        var request = new ChaincodeEventsRequest
        {
            ChannelId = Name,
            ChaincodeId = chaincodeName,
            Identity = _connection.Signing.Creator,
            StartPosition = StartPosition(options),
        };
        if (options.Checkpoint?.TransactionId is { Length: > 0 } after)
        {
            request.AfterTransactionId = after;
        }

        ByteString bytes = request.ToByteString();
        return new SignedChaincodeEventsRequest { Request = bytes, Signature = _connection.Signing.Sign(bytes) };
    }

    private static SeekPosition StartPosition(ChaincodeEventsOptions options)
    {
        ulong? start = options.Checkpoint?.BlockNumber ?? options.StartBlock;
        return start is { } number
            ? new SeekPosition { Specified = new SeekSpecified { Number = number } }
            : new SeekPosition { NextCommit = new SeekNextCommit() };
    }
}
