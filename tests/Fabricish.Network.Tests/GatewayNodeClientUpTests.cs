using System.Text.Json.Nodes;
using Fabricish.Channels.Msp;
using Fabricish.Network.Tests.Up;
using Fabricish.Protos.Peer;
using Fabricish.Testing;

namespace Fabricish.Network.Tests;

/// <summary>Fabric's own client, npm @hyperledger/fabric-gateway (tools/node/gateway/gateway-check.js), against the
/// network <c>./fabricish up</c> started, with nothing but what Org1's connection profile names: the peer's gateway
/// address and User1's certificate and key. It evaluates, submits and waits for the commit status, reads chaincode
/// failures as EndorseError/GatewayError carrying ErrorDetail, and resumes chaincode events after a checkpoint; the
/// submit it saw committed is then read back from Org2's peer's own ledger.</summary>
[Collection(UpNetworkCollection.Name)]
public sealed class GatewayNodeClientUpTests(UpNetworkFixture network)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Fabrics_gateway_client_with_org1s_connection_profile_submits_evaluates_reads_errors_and_resumes_events()
    {
        RunFolder run = network.Run;
        NetworkOrg org1 = run.Orgs["Org1"];
        JsonNode profile = JsonNode.Parse(File.ReadAllText(org1.ConnectionProfile)) ?? throw new InvalidOperationException($"{org1.ConnectionProfile} is empty");
        JsonNode organization = profile["organizations"]?[org1.Name] ?? throw new InvalidOperationException($"{org1.ConnectionProfile} has no organizations.{org1.Name}");
        string peerName = organization["peers"]?[0]?.GetValue<string>() ?? throw new InvalidOperationException("the profile's organization lists no peer");
        string url = profile["peers"]?[peerName]?["url"]?.GetValue<string>() ?? throw new InvalidOperationException($"the profile has no peers.{peerName}.url");
        Assert.StartsWith("grpc://", url, StringComparison.Ordinal);

        NodeScript.Result result = await NodeScript.RunAsync(Path.Combine(RepoPaths.Root, "tools", "node", "gateway", "gateway-check.js"),
        [
            "--endpoint", url["grpc://".Length..],
            "--msp-id", organization["mspid"]!.GetValue<string>(),
            "--cert", organization["signedCert"]!["path"]!.GetValue<string>(),
            "--key", organization["adminPrivateKey"]!["path"]!.GetValue<string>(),
            "--channel", run.Channel,
            "--chaincode", run.Chaincode,
        ], timeout: ScriptTimeout);

        string context = $"exit {result.ExitCode}\nstdout:\n{result.Stdout}\nstderr:\n{result.Stderr}\npeer log: {run.Component(org1.Peer).Log}";
        JsonNode summary = JsonNode.Parse(result.Stdout) ?? throw new InvalidOperationException(context);
        Assert.True(result.ExitCode == 0 && summary["ok"]!.GetValue<bool>(), context);

        JsonNode submit = summary["submit"]!;
        Assert.True(submit["successful"]!.GetValue<bool>(), context);
        Assert.Equal((int)TxValidationCode.Valid, submit["code"]!.GetValue<int>());
        Assert.Equal("Tom", summary["evaluate"]!["Owner"]!.GetValue<string>());

        JsonNode endorseError = summary["endorseError"]!;
        Assert.Equal("EndorseError", endorseError["type"]!.GetValue<string>());
        Assert.Contains(endorseError["details"]!.AsArray(), d => d!["mspId"]!.GetValue<string>() == org1.MspId
            && d["message"]!.GetValue<string>().Contains("already exists", StringComparison.Ordinal)
            && d["address"]!.GetValue<string>() == run.Component(org1.Peer).Address);

        JsonNode evaluateError = summary["evaluateError"]!;
        Assert.Equal("GatewayError", evaluateError["type"]!.GetValue<string>());
        Assert.Contains(evaluateError["details"]!.AsArray(), d => d!["message"]!.GetValue<string>().Contains("does not exist", StringComparison.Ordinal));

        JsonNode events = summary["events"]!;
        string[] expected = [.. events["expectedAfterCheckpoint"]!.AsArray().Select(t => t!.GetValue<string>())];
        string[] resumed = [.. events["resumed"]!.AsArray().Select(e => e!["transactionId"]!.GetValue<string>()).Where(expected.Contains)];
        Assert.Equal(2, expected.Length);
        Assert.Equal(expected, resumed);
        string txId = submit["transactionId"]!.GetValue<string>();
        Assert.Equal(txId, events["checkpoint"]!["transactionId"]!.GetValue<string>());

        // The commit status came from Org1's gateway; Org2's peer must have committed the same transaction VALID.
        NetworkOrg org2 = run.Orgs["Org2"];
        using SigningIdentity reader = MspDirectory.LoadSigningIdentity(org2.UserMsp, org2.MspId);
        TxValidationCode? onOrg2 = await PeerCommits.ValidationCodeAsync(run.Component(org2.Peer).Address, reader, run.Channel, txId,
            ulong.Parse(submit["blockNumber"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(onOrg2 == TxValidationCode.Valid, $"{org2.Peer} committed {txId} as {onOrg2?.ToString() ?? "nothing"}");
    }
}
