using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ProtoErrorDetail = Fabricish.Protos.Gateway.ErrorDetail;

namespace Fabricish.Client.Tests;

/// <summary>The per-node details a gateway packs into grpc-status-details-bin reach the caller.</summary>
public sealed class GatewayErrorsTests
{
    [Fact]
    public void Error_details_are_read_from_the_google_rpc_status_trailer()
    {
        var status = new Google.Rpc.Status { Code = (int)StatusCode.Aborted, Message = "failed to endorse transaction, see attached details for more info" };
        status.Details.Add(Any.Pack(new ProtoErrorDetail { Address = "peer0.org1.example.com:7051", MspId = "Org1MSP", Message = "chaincode response 500, asset1 does not exist" }));
        status.Details.Add(Any.Pack(new Google.Protobuf.WellKnownTypes.StringValue { Value = "not an error detail" }));
        status.Details.Add(Any.Pack(new ProtoErrorDetail { Address = "peer0.org2.example.com:9051", MspId = "Org2MSP", Message = "timeout" }));

        IReadOnlyList<ErrorDetail> details = GatewayErrors.Details(status.ToRpcException());

        Assert.Equal(
            [new ErrorDetail("peer0.org1.example.com:7051", "Org1MSP", "chaincode response 500, asset1 does not exist"), new ErrorDetail("peer0.org2.example.com:9051", "Org2MSP", "timeout")],
            details);
    }

    [Fact]
    public void An_error_without_a_details_trailer_has_no_details_and_keeps_its_status()
    {
        var e = new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "connection refused"));

        GatewayException exception = GatewayErrors.Gateway(e);

        Assert.Empty(exception.Details);
        Assert.Equal(StatusCode.Unavailable, exception.StatusCode);
        Assert.Equal("connection refused", exception.Message);
    }

    [Fact]
    public void A_malformed_details_trailer_yields_no_details_rather_than_a_parse_failure()
    {
        var trailers = new Metadata { { "grpc-status-details-bin", new byte[] { 0xff, 0xff, 0xff } } };
        var e = new RpcException(new Grpc.Core.Status(StatusCode.Aborted, "endorse failed"), trailers);

        Assert.Empty(GatewayErrors.Details(e));
    }
}
