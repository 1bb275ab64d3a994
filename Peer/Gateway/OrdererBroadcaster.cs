using System.Collections.Concurrent;
using System.Reflection;
using Fabricish.Peer.Host;
using Fabricish.Protos.Common;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Orderer;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Status = Fabricish.Protos.Common.Status;

namespace Fabricish.Peer.Gateway;

/// <summary>
/// Sends a transaction to the ordering service as Fabric's gateway does for non-BFT orderers (<c>submitNonBFT</c>):
/// one orderer node after another until one accepts it — first the node that accepted the last transaction, then the
/// others in random order (<see cref="OrdererSelection.Sticky"/>), or all in random order as Fabric
/// (<see cref="OrdererSelection.Random"/>). Submissions to a node share one Broadcast stream
/// (<see cref="SharedBroadcastStream"/>); one the shared stream could not answer goes on a stream of its own. A client error status
/// (4xx other than NOT_FOUND, REQUEST_ENTITY_TOO_LARGE included) or a transaction over a node's gRPC message limit
/// ends the attempt at once, since every node would refuse the same envelope; a node that cannot be reached, is
/// unavailable or does not serve the channel (NOT_FOUND) passes the transaction to the next. Connections are kept per address, plaintext or TLS as
/// <see cref="PeerTlsClient"/> decides.
/// </summary>
internal sealed class OrdererBroadcaster(GatewayOptions options, PeerTlsClient connections, ILogger logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SharedBroadcastStream> _streams = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _streamsGate = new();

    // The node that accepted the last transaction (Sticky); null until one has.
    private volatile string? _accepting;

    /// <param name="orderers">Each node's host:port and the MSP ID of its organisation (empty when unknown).</param>
    public async Task BroadcastAsync(IReadOnlyList<(string Address, string MspId)> orderers, Envelope transaction, string txId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orderers);
        if (orderers.Count == 0)
        {
            throw GatewayErrors.NoOrderers();
        }

        (string Address, string MspId)[] order = Order(orderers);
        var details = new List<ErrorDetail>();
        foreach ((string address, string mspId) in order)
        {
            BroadcastResponse response;
            try
            {
                response = await SendAsync(address, transaction, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted && !cancellationToken.IsCancellationRequested)
            {
                // Over the orderer's gRPC MaxRecvMsgSize: every node would refuse it, and retrying cannot help.
                string tooLarge = $"the orderer refused the transaction's size: rpc error: code = {e.StatusCode} desc = {e.Status.Detail}";
                GatewayLog.OrdererFailed(logger, txId, address, tooLarge);
                details.Add(GatewayErrors.Detail(address, mspId, tooLarge));
                throw GatewayErrors.OrdererRefused(tooLarge, details);
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                string failure = $"rpc error: code = {e.StatusCode} desc = {e.Status.Detail}";
                GatewayLog.OrdererFailed(logger, txId, address, failure);
                details.Add(GatewayErrors.Detail(address, mspId, failure));
                continue;
            }

            if (response.Status == Status.Success)
            {
                _accepting = address;
                GatewayLog.Submitted(logger, txId, address);
                return;
            }

            string message = $"received unsuccessful response from orderer: status={Name(response.Status)}, info={response.Info}";
            GatewayLog.OrdererFailed(logger, txId, address, message);
            details.Add(GatewayErrors.Detail(address, mspId, message));
            // NOT_FOUND says this node does not serve the channel (not joined yet, or being removed), not that the
            // envelope is bad: another node may well order it. Fabric's gateway gives up here; we try the next.
            if ((int)response.Status is >= 400 and < 500 && response.Status != Status.NotFound)
            {
                throw GatewayErrors.OrdererRefused(message, details);
            }
        }

        throw GatewayErrors.OrderingFailed(details);
    }

    private (string Address, string MspId)[] Order(IReadOnlyList<(string Address, string MspId)> orderers)
    {
        (string Address, string MspId)[] order = [.. orderers];
        if (options.OrdererSelection == OrdererSelection.Random)
        {
            Random.Shared.Shuffle(order);
            return order;
        }

        // Every gateway starts with the configuration's first node, so they all fill the same orderer's Kafka requests.
        int lead = 0;
        string? accepting = _accepting;
        for (int i = 0; accepting is not null && i < order.Length; i++)
        {
            if (string.Equals(order[i].Address, accepting, StringComparison.OrdinalIgnoreCase))
            {
                lead = i;
                break;
            }
        }

        (order[0], order[lead]) = (order[lead], order[0]);
        Random.Shared.Shuffle(order.AsSpan(1));
        return order;
    }

    private async Task<BroadcastResponse> SendAsync(string address, Envelope transaction, CancellationToken cancellationToken)
    {
        GrpcChannel channel = _channels.GetOrAdd(address, a => connections.Connect(a));
        var client = new AtomicBroadcast.AtomicBroadcastClient(channel);
        try
        {
            return await SharedStream(address, client).SendAsync(transaction, options.BroadcastTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (SharedBroadcastStreamEndedException) when (!cancellationToken.IsCancellationRequested)
        {
            return await SendOnOwnStreamAsync(client, transaction, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The node's shared stream, a new one when the last has ended.</summary>
    private SharedBroadcastStream SharedStream(string address, AtomicBroadcast.AtomicBroadcastClient client)
    {
        lock (_streamsGate)
        {
            if (_streams.TryGetValue(address, out SharedBroadcastStream? stream))
            {
                if (stream.IsOpen)
                {
                    return stream;
                }

                stream.Dispose();
            }

            stream = new SharedBroadcastStream(client);
            _streams[address] = stream;
            return stream;
        }
    }

    /// <summary>One stream for one transaction, as Fabric's gateway sends each: for a transaction a shared stream
    /// could not answer.</summary>
    private async Task<BroadcastResponse> SendOnOwnStreamAsync(AtomicBroadcast.AtomicBroadcastClient client, Envelope transaction, CancellationToken cancellationToken)
    {
        AsyncDuplexStreamingCall<Envelope, BroadcastResponse> call = client.Broadcast(
            deadline: DateTime.UtcNow + options.BroadcastTimeout, cancellationToken: cancellationToken);
        bool answered = false;
        try
        {
            await call.RequestStream.WriteAsync(transaction, cancellationToken).ConfigureAwait(false);
            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            if (!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                throw GatewayErrors.OrdererClosedStream();
            }

            answered = true;
            BroadcastResponse response = call.ResponseStream.Current;
            _ = EndAsync(call);
            return response;
        }
        finally
        {
            if (!answered)
            {
                call.Dispose();
            }
        }
    }

    /// <summary>Lets the orderer end the stream before the call is released. Disposing a call the server has not
    /// finished resets the stream (RST_STREAM), which the orderer sees as a failed read of the next message: an
    /// exception, and on a busy gateway one in several transactions. The answer is already in hand, so this runs
    /// after Submit returned, bounded by the call's deadline.</summary>
    private static async Task EndAsync(AsyncDuplexStreamingCall<Envelope, BroadcastResponse> call)
    {
        try
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false))
            {
                // An orderer answers one envelope once; anything more is not this transaction's.
            }
        }
        catch (RpcException)
        {
            // The stream's status after the answer changes nothing for the transaction.
        }
        catch (OperationCanceledException)
        {
            // The submitter went away after its answer; the call ends with it.
        }
        finally
        {
            call.Dispose();
        }
    }

    /// <summary>The status as Fabric prints it (<c>BAD_REQUEST</c>).</summary>
    private static string Name(Status status) =>
        typeof(Status).GetField(status.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? status.ToString();

    public void Dispose()
    {
        lock (_streamsGate)
        {
            foreach (SharedBroadcastStream stream in _streams.Values)
            {
                stream.Dispose();
            }

            _streams.Clear();
        }

        foreach (GrpcChannel channel in _channels.Values)
        {
            channel.Dispose();
        }

        _channels.Clear();
    }
}
