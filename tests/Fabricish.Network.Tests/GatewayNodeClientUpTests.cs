using System.Text.Json.Nodes;
using Fabricish.Channels.Msp;
using Fabricish.Network.Tests.Up;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Fixtures;

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

        NodeScript.Result result = await NodeScript.RunAsync(GatewayCheck.Script,
        [
            "--endpoint", url["grpc://".Length..],
            "--msp-id", organization["mspid"]!.GetValue<string>(),
            "--cert", organization["signedCert"]!["path"]!.GetValue<string>(),
            "--key", organization["adminPrivateKey"]!["path"]!.GetValue<string>(),
            "--channel", run.Channel,
            "--chaincode", run.Chaincode,
        ], timeout: ScriptTimeout);

        JsonNode summary = GatewayCheck.AssertSummary(result, org1.MspId, run.Component(org1.Peer).Address, run.Component(org1.Peer).Log);
        JsonNode submit = summary["submit"]!;
        Assert.Equal((int)TxValidationCode.Valid, submit["code"]!.GetValue<int>());
        Assert.Equal(2, summary["events"]!["expectedAfterCheckpoint"]!.AsArray().Count);
        string txId = submit["transactionId"]!.GetValue<string>();

        // The commit status came from Org1's gateway; Org2's peer must have committed the same transaction VALID.
        NetworkOrg org2 = run.Orgs["Org2"];
        using SigningIdentity reader = MspDirectory.LoadSigningIdentity(org2.UserMsp, org2.MspId);
        TxValidationCode? onOrg2 = await PeerCommits.ValidationCodeAsync(run.Component(org2.Peer).Address, reader, run.Channel, txId,
            ulong.Parse(submit["blockNumber"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(onOrg2 == TxValidationCode.Valid, $"{org2.Peer} committed {txId} as {onOrg2?.ToString() ?? "nothing"}");
    }
}
