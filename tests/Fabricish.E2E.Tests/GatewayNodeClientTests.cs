using System.Globalization;
using Fabricish.E2E.Tests.Network;
using Fabricish.Testing;

namespace Fabricish.E2E.Tests;

/// <summary>The peer's gateway.Gateway with a client nobody here wrote: Fabric's npm @hyperledger/fabric-gateway
/// (tools/node/gateway/gateway-check.js) connects to Org1's peer as User1 over plaintext gRPC, evaluates, submits and
/// waits for the commit status (the gateway gets Org2's endorsement for AND('Org1MSP.peer','Org2MSP.peer')), reads
/// chaincode failures as EndorseError/GatewayError with ErrorDetail, and resumes chaincode events after a
/// checkpoint.</summary>
[Collection(E2ENetworkCollection.Name)]
public sealed class GatewayNodeClientTests(NetworkFixture network)
{
    [Fact]
    public async Task Fabrics_gateway_client_evaluates_submits_reads_errors_and_resumes_events()
    {
        NodeScript.Result run = await NodeScript.RunAsync(GatewayCheck.Script,
        [
            "--endpoint", string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{network.Org1Peer.GrpcPort}"),
            "--msp-id", "Org1MSP",
            "--msp-dir", network.UserMspDir("org1.example.com", "User1"),
            "--channel", NetworkFixture.ChannelId,
            "--chaincode", NetworkFixture.Chaincode,
        ], timeout: TimeSpan.FromMinutes(3));

        GatewayCheck.AssertSummary(run, "Org1MSP", endorserAddress: null, network.Org1Peer.LogTail());
    }
}
