using Fabricish.Protos.Peer;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Fabricish.Chaincode.Shim;

/// <summary><c>protos.Chaincode/Connect</c>: each stream the peer opens gets its own handler.</summary>
internal sealed class ChaincodeService : Protos.Peer.Chaincode.ChaincodeBase
{
    private readonly string _chaincodeId;
    private readonly IChaincode _chaincode;
    private readonly ILogger<Handler> _handlerLogger;

    public ChaincodeService(string chaincodeId, IChaincode chaincode, ILogger<Handler> handlerLogger)
    {
        _chaincodeId = chaincodeId;
        _chaincode = chaincode;
        _handlerLogger = handlerLogger;
    }

    public override Task Connect(
        IAsyncStreamReader<ChaincodeMessage> requestStream,
        IServerStreamWriter<ChaincodeMessage> responseStream,
        ServerCallContext context) =>
        new Handler(_chaincodeId, _chaincode, requestStream, responseStream, _handlerLogger).RunAsync(context.CancellationToken);
}
