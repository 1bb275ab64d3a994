using Fabricish.Protos.Peer;
using Grpc.Core;

namespace Fabricish.Peer.Gateway;

/// <summary>
/// How the gateway reads one peer's answer to a proposal (Fabric's <c>responseStatus</c>): a call that failed means
/// the peer is unavailable, worth trying another; a 500 without payload was produced by the peer itself (refused
/// proposal, failed simulation), also worth another peer; any other status outside 200–399 came from the chaincode,
/// and another peer would only say the same.
/// </summary>
internal readonly record struct EndorserOutcome(StatusCode Code, string Message, bool TryAnotherPeer)
{
    public bool Succeeded => Code == StatusCode.OK;

    public static EndorserOutcome Of(ProposalResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        int status = response.Response?.Status ?? 0;
        string message = response.Response?.Message ?? string.Empty;
        if (status is >= 200 and < 400)
        {
            return new EndorserOutcome(StatusCode.OK, string.Empty, false);
        }

        return response.Payload.IsEmpty && status == 500
            ? new EndorserOutcome(StatusCode.Aborted, message, true)
            : new EndorserOutcome(StatusCode.Unknown, $"chaincode response {status}, {message}", false);
    }

    public static EndorserOutcome Of(RpcException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new EndorserOutcome(StatusCode.Unavailable, $"rpc error: code = {failure.StatusCode} desc = {failure.Status.Detail}", true);
    }

    /// <summary>A successful answer whose endorsement the gateway cannot use.</summary>
    public static EndorserOutcome Unusable(string message) => new(StatusCode.Aborted, message, true);
}
