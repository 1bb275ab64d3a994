using Fabricish.Protos.Peer;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Fabricish.Chaincode.Shim;

/// <summary><c>protos.Chaincode/Connect</c>: each stream the peer opens gets its own handler.</summary>
internal sealed class ChaincodeService : Protos.Peer.Chaincode.ChaincodeBase
{
    private readonly string chaincodeId;
    private readonly IChaincode chaincode;
    private readonly ILogger<Handler> handlerLogger;

    public ChaincodeService(string chaincodeId, IChaincode chaincode, ILogger<Handler> handlerLogger)
    {
        this.chaincodeId = chaincodeId;
        this.chaincode = chaincode;
        this.handlerLogger = handlerLogger;
    }

    public override Task Connect(
        IAsyncStreamReader<ChaincodeMessage> requestStream,
        IServerStreamWriter<ChaincodeMessage> responseStream,
        ServerCallContext context) =>
        new Handler(chaincodeId, chaincode, requestStream, responseStream, handlerLogger).RunAsync(context.CancellationToken);
}
