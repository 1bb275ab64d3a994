using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Grpc.Core;

namespace Fabricish.Benchmarks.Harness;

/// <summary>One Broadcast stream, used as Fabric's SDKs use it: one envelope at a time, each answered before the next.
/// A stream the orderer ends (as it may after a refusal) counts as a refusal and is reopened for the next envelope.</summary>
public sealed class GrpcBroadcastClient(AtomicBroadcast.AtomicBroadcastClient client) : IBroadcastClient
{
    private AsyncDuplexStreamingCall<Envelope, BroadcastResponse>? _call;

    public async Task<BroadcastAck> SendAsync(Envelope envelope)
    {
        _call ??= client.Broadcast();
        try
        {
            await _call.RequestStream.WriteAsync(envelope).ConfigureAwait(false);
            if (await _call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false))
            {
                return new BroadcastAck(_call.ResponseStream.Current.Status == Fabricish.Protos.Common.Status.Success, 0);
            }
        }
        catch (RpcException)
        {
        }
        catch (InvalidOperationException)
        {
        }

        _call.Dispose();
        _call = null;
        return new BroadcastAck(false, 0);
    }

    public async ValueTask DisposeAsync()
    {
        if (_call is null)
        {
            return;
        }

        try
        {
            await _call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch (RpcException)
        {
        }
        catch (InvalidOperationException)
        {
        }

        _call.Dispose();
    }
}
