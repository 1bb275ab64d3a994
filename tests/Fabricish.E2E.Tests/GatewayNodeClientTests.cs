using System.Globalization;
using System.Text.Json.Nodes;
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
        string script = Path.Combine(RepoPaths.Root, "tools", "node", "gateway", "gateway-check.js");

        NodeScript.Result run = await NodeScript.RunAsync(script,
        [
            "--endpoint", string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{network.Org1Peer.GrpcPort}"),
            "--msp-id", "Org1MSP",
            "--msp-dir", network.UserMspDir("org1.example.com", "User1"),
            "--channel", NetworkFixture.ChannelId,
            "--chaincode", NetworkFixture.Chaincode,
        ], timeout: TimeSpan.FromMinutes(3));

        string context = $"exit {run.ExitCode}\nstdout:\n{run.Stdout}\nstderr:\n{run.Stderr}\nOrg1 peer log:\n{network.Org1Peer.LogTail()}";
        JsonNode summary = JsonNode.Parse(run.Stdout) ?? throw new InvalidOperationException(context);
        Assert.True(run.ExitCode == 0 && summary["ok"]!.GetValue<bool>(), context);

        Assert.True(summary["submit"]!["successful"]!.GetValue<bool>(), context);
        Assert.Equal("Tom", summary["evaluate"]!["Owner"]!.GetValue<string>());

        JsonNode endorseError = summary["endorseError"]!;
        Assert.Equal("EndorseError", endorseError["type"]!.GetValue<string>());
        JsonArray endorseDetails = endorseError["details"]!.AsArray();
        Assert.Contains(endorseDetails, d => d!["mspId"]!.GetValue<string>() == "Org1MSP"
            && d["message"]!.GetValue<string>().Contains("already exists", StringComparison.Ordinal)
            && d["address"]!.GetValue<string>().Length > 0);

        JsonNode evaluateError = summary["evaluateError"]!;
        Assert.Equal("GatewayError", evaluateError["type"]!.GetValue<string>());
        Assert.Contains(evaluateError["details"]!.AsArray(), d => d!["message"]!.GetValue<string>().Contains("does not exist", StringComparison.Ordinal));

        JsonNode events = summary["events"]!;
        string[] expected = [.. events["expectedAfterCheckpoint"]!.AsArray().Select(t => t!.GetValue<string>())];
        string[] resumed = [.. events["resumed"]!.AsArray().Select(e => e!["transactionId"]!.GetValue<string>()).Where(expected.Contains)];
        Assert.Equal(expected, resumed);
        Assert.Equal(summary["submit"]!["transactionId"]!.GetValue<string>(), events["checkpoint"]!["transactionId"]!.GetValue<string>());
    }
}
