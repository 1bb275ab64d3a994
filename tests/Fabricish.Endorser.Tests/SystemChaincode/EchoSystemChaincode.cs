using Fabricish.Endorser.SystemChaincode;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Endorser.Tests.SystemChaincode;

/// <summary>A system chaincode whose "Local" function runs without a channel and whose "Put" writes args[1].</summary>
internal sealed class EchoSystemChaincode : ISystemChaincode
{
    public string Name => "_echo";

    public bool AllowsNoChannel(string function) => function == "Local";

    public Task<Response> InvokeAsync(SystemChaincodeInvocation invocation, CancellationToken cancellationToken)
    {
        if (invocation.Simulator is { } simulator)
        {
            simulator.SetState(Name, "key", invocation.Args[1].ToByteArray());
        }

        return Task.FromResult(new Response { Status = 200, Payload = ByteString.CopyFromUtf8(invocation.Function + "@" + (invocation.Channel?.ChannelId ?? "")) });
    }
}
