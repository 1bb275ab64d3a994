using Fabricish.Orderer.Services;
using Google.Rpc;
using Grpc.Core;

namespace Fabricish.Orderer.Tests.Services;

/// <summary>A stream the orderer ends with an error carries a google.rpc.Status with an ErrorInfo, so a client tells
/// the cause by its reason without parsing the message.</summary>
public sealed class OrdererRpcFailuresTests
{
    [Theory]
    [InlineData(typeof(OperationCanceledException), StatusCode.Cancelled, "the call was cancelled", "CANCELLED")]
    [InlineData(typeof(ObjectDisposedException), StatusCode.Unavailable, "the orderer is shutting down", "SHUTTING_DOWN")]
    [InlineData(typeof(InvalidOperationException), StatusCode.Internal, "the orderer failed: boom", "INTERNAL")]
    public void An_unexpected_failure_carries_the_orderer_error_info(Type exception, StatusCode code, string message, string reason)
    {
        var failure = (Exception)Activator.CreateInstance(exception, "boom")!;

        RpcException error = AtomicBroadcastService.Failures.From(failure, "orderer", stopping: false);

        Assert.Equal((code, message), (error.StatusCode, error.Status.Detail));
        ErrorInfo info = error.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal(("orderer.fabricish", reason), (info.Domain, info.Reason));
    }

    [Fact]
    public void Shutting_down_is_unavailable_with_its_reason()
    {
        RpcException error = AtomicBroadcastService.Failures.ShuttingDown();

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("SHUTTING_DOWN", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }
}
