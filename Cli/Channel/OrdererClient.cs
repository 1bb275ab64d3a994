using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Cli.Connection;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Grpc.Core;
using Grpc.Net.Client;
using Status = Fabricish.Protos.Common.Status;

namespace Fabricish.Cli.Channel;

/// <summary>
/// The orderer's <c>orderer.AtomicBroadcast</c> service as Fabric's peer CLI uses it: signed Deliver seeks (fetch) and
/// Broadcast (channel update). Unreachable orderers, refusals and time-outs come back as values naming the orderer.
/// </summary>
internal sealed class OrdererClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly AtomicBroadcast.AtomicBroadcastClient _client;

    private OrdererClient(NodeEndpoint endpoint, GrpcChannel channel)
    {
        Address = endpoint.Address;
        _channel = channel;
        _client = new AtomicBroadcast.AtomicBroadcastClient(_channel);
    }

    public string Address { get; }

    /// <returns>The client, or null with <paramref name="error"/> when the address or its TLS settings are unusable.</returns>
    public static OrdererClient? TryCreate(NodeEndpoint endpoint, out string? error)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        try
        {
            error = null;
            return new OrdererClient(endpoint, endpoint.CreateChannel());
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            error = $"cannot connect to orderer '{endpoint.Address}': {e.Message}";
            return null;
        }
    }

    /// <summary>
    /// Sends one signed seek and collects blocks until the orderer's closing status, or until
    /// <paramref name="enough"/> says the blocks so far answer the question (for open-ended seeks).
    /// </summary>
    public async Task<DeliverOutcome> DeliverAsync(
        SigningIdentity signer, string channelId, SeekInfo seek, TimeSpan timeout, Func<Block, bool>? enough, CancellationToken cancellationToken)
    {
        Envelope request = SignedEnvelope.Create(HeaderType.DeliverSeekInfo, channelId, signer, seek, DateTimeOffset.UtcNow);
        var blocks = new List<Block>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using AsyncDuplexStreamingCall<Envelope, DeliverResponse> call = _client.Deliver(cancellationToken: deadline.Token);
            await call.RequestStream.WriteAsync(request, deadline.Token).ConfigureAwait(false);
            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            while (await call.ResponseStream.MoveNext(deadline.Token).ConfigureAwait(false))
            {
                DeliverResponse response = call.ResponseStream.Current;
                if (response.TypeCase == DeliverResponse.TypeOneofCase.Block)
                {
                    blocks.Add(response.Block);
                    if (enough?.Invoke(response.Block) == true)
                    {
                        return new DeliverOutcome(blocks, Status.Success, null);
                    }

                    continue;
                }

                Status status = response.Status;
                return status == Status.Success
                    ? new DeliverOutcome(blocks, status, null)
                    : new DeliverOutcome(blocks, status, $"the orderer answered {status} for channel {channelId}{StatusHint(status)}");
            }

            return new DeliverOutcome(blocks, Status.Unknown, $"the orderer at {Address} closed the stream without a status");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new DeliverOutcome(blocks, Status.ServiceUnavailable, $"the orderer at {Address} sent no answer within {timeout.TotalSeconds:0} s");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliverOutcome(blocks, Status.ServiceUnavailable, $"the orderer at {Address} sent no answer within {timeout.TotalSeconds:0} s");
        }
        catch (RpcException e)
        {
            return new DeliverOutcome(blocks, Status.ServiceUnavailable, Unreachable(e));
        }
    }

    /// <summary>Broadcasts one envelope and returns the orderer's answer (status and info).</summary>
    public async Task<(Status Status, string Info)> BroadcastAsync(Envelope envelope, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using AsyncDuplexStreamingCall<Envelope, BroadcastResponse> call = _client.Broadcast(cancellationToken: deadline.Token);
            await call.RequestStream.WriteAsync(envelope, deadline.Token).ConfigureAwait(false);
            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            if (!await call.ResponseStream.MoveNext(deadline.Token).ConfigureAwait(false))
            {
                return (Status.ServiceUnavailable, $"the orderer at {Address} closed the stream without an answer");
            }

            BroadcastResponse response = call.ResponseStream.Current;
            return (response.Status, response.Info);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (Status.ServiceUnavailable, $"the orderer at {Address} sent no answer within {timeout.TotalSeconds:0} s");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (Status.ServiceUnavailable, $"the orderer at {Address} sent no answer within {timeout.TotalSeconds:0} s");
        }
        catch (RpcException e)
        {
            return (Status.ServiceUnavailable, Unreachable(e));
        }
    }

    public void Dispose() => _channel.Dispose();

    private string Unreachable(RpcException e) => e.StatusCode == StatusCode.Unavailable
        ? $"cannot reach the orderer at {Address}: {e.Status.Detail}"
        : $"the orderer at {Address} failed the call: {e.StatusCode} {e.Status.Detail}";

    private static string StatusHint(Status status) => status switch
    {
        Status.Forbidden => " (the signing identity does not satisfy the channel's Readers policy)",
        Status.NotFound => " (the orderer does not serve the channel, or the block does not exist yet)",
        Status.ServiceUnavailable => " (the orderer cannot serve the channel right now)",
        _ => string.Empty,
    };
}
