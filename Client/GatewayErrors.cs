using Google.Protobuf;
using Grpc.Core;
using ProtoErrorDetail = Fabricish.Protos.Gateway.ErrorDetail;

namespace Fabricish.Client;

/// <summary>Reads the <c>gateway.ErrorDetail</c> entries a gateway packs into the google.rpc.Status carried by the
/// <c>grpc-status-details-bin</c> trailer.</summary>
public static class GatewayErrors
{
    public static IReadOnlyList<ErrorDetail> Details(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Google.Rpc.Status? status;
        try
        {
            status = exception.GetRpcStatus();
        }
        catch (InvalidProtocolBufferException)
        {
            // A malformed trailer carries no details the caller could use; the gRPC status still says what failed.
            return [];
        }

        if (status is null)
        {
            return [];
        }

        var details = new List<ErrorDetail>();
        foreach (var any in status.Details)
        {
            if (any.TryUnpack(out ProtoErrorDetail detail))
            {
                details.Add(new ErrorDetail(detail.Address, detail.MspId, detail.Message));
            }
        }

        return details;
    }

    /// <summary>The exception's message: the status detail, then each failing node on its own line.</summary>
    internal static string Message(RpcException exception, IReadOnlyList<ErrorDetail> details)
    {
        string message = string.IsNullOrEmpty(exception.Status.Detail) ? exception.StatusCode.ToString() : exception.Status.Detail;
        return details.Count == 0 ? message : message + string.Concat(details.Select(d => "\n  " + d));
    }

    internal static GatewayException Gateway(RpcException e)
    {
        var details = Details(e);
        return new GatewayException(Message(e, details), e.StatusCode, details, e);
    }

    internal static EndorseException Endorse(string transactionId, RpcException e)
    {
        var details = Details(e);
        return new EndorseException(transactionId, Message(e, details), e.StatusCode, details, e);
    }

    internal static SubmitException Submit(string transactionId, RpcException e)
    {
        var details = Details(e);
        return new SubmitException(transactionId, Message(e, details), e.StatusCode, details, e);
    }

    internal static CommitStatusException CommitStatus(string transactionId, RpcException e)
    {
        var details = Details(e);
        return new CommitStatusException(transactionId, Message(e, details), e.StatusCode, details, e);
    }
}
