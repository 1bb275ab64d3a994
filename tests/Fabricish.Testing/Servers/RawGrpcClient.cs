using Grpc.Core;

namespace Fabricish.Testing.Servers;

/// <summary>Sends whatever bytes a test gives as the request of any gRPC method, as a broken or hostile client
/// would, and reads the first response as bytes.</summary>
public sealed class RawGrpcClient(CallInvoker invoker)
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(static b => b, static b => b);

    /// <summary>The first response message of the call.</summary>
    /// <exception cref="RpcException">The call ended with an error before any response.</exception>
    public async Task<byte[]?> CallAsync(MethodType type, string service, string method, byte[] request)
    {
        var descriptor = new Method<byte[], byte[]>(type, service, method, Bytes, Bytes);
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30));
        switch (type)
        {
            case MethodType.Unary:
                return await invoker.AsyncUnaryCall(descriptor, null, options, request);
            case MethodType.ServerStreaming:
            {
                using AsyncServerStreamingCall<byte[]> call = invoker.AsyncServerStreamingCall(descriptor, null, options, request);
                return await call.ResponseStream.MoveNext(CancellationToken.None) ? call.ResponseStream.Current : null;
            }

            case MethodType.DuplexStreaming:
            {
                using AsyncDuplexStreamingCall<byte[], byte[]> call = invoker.AsyncDuplexStreamingCall(descriptor, null, options);
                await call.RequestStream.WriteAsync(request);
                return await call.ResponseStream.MoveNext(CancellationToken.None) ? call.ResponseStream.Current : null;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "client streaming is not used by Fabric's services");
        }
    }
}
