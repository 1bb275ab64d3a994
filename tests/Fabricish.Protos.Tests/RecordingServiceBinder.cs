using Grpc.Core;

namespace Fabricish.Protos.Tests;

/// <summary>Records the methods a generated <c>BindService</c> registers: their full names (the gRPC paths
/// without the leading slash) and call types, exactly as the server would route them.</summary>
internal sealed class RecordingServiceBinder : ServiceBinderBase
{
    public List<string> Methods { get; } = [];

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
        Record(method);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
        Record(method);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
        Record(method);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
        Record(method);

    private void Record<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class =>
        Methods.Add($"/{method.FullName.TrimStart('/')} {method.Type}");
}
