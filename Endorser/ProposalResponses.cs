using Fabricish.Protos.Peer;

namespace Fabricish.Endorser;

/// <summary>Unendorsed responses as Fabric's endorser returns them.</summary>
public static class ProposalResponses
{
    /// <summary>Fabric's shim.ERROR: the endorser uses it for every proposal it refuses or cannot simulate.</summary>
    public const int StatusError = 500;

    /// <summary>Fabric's shim.ERRORTHRESHOLD: a chaincode response at or above it is never endorsed.</summary>
    public const int StatusErrorThreshold = 400;

    public static ProposalResponse Error(string message, int status = StatusError) =>
        new() { Response = new Response { Status = status, Message = message } };
}
