namespace Fabricish.Client;

/// <summary>One failing peer or orderer behind a gateway error: the <c>gateway.ErrorDetail</c> entries of the
/// gRPC status details.</summary>
public sealed record ErrorDetail(string Address, string MspId, string Message)
{
    public override string ToString() => $"address: {Address}; mspId: {MspId}; message: {Message}";
}
