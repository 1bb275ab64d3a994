using System.Text.Json.Nodes;
using Xunit;

namespace Fabricish.Testing.Fixtures;

/// <summary>tools/node/gateway/gateway-check.js, Fabric's npm @hyperledger/fabric-gateway as an application uses it, and
/// what every network it runs against must answer: the submit commits, the evaluate reads it back, a chaincode failure
/// comes as EndorseError (naming the endorsing peer) or GatewayError with ErrorDetail, and chaincode events resume
/// after a checkpoint.</summary>
public static class GatewayCheck
{
    public static string Script => Path.Combine(RepoPaths.Root, "tools", "node", "gateway", "gateway-check.js");

    /// <summary>Fails the test, with <paramref name="peerLog"/> attached, unless the script's summary shows every step
    /// behaved for a client of <paramref name="mspId"/>; <paramref name="endorserAddress"/> is the address the
    /// EndorseError must name, or null for any.</summary>
    /// <returns>The summary, for checks of a particular network.</returns>
    public static JsonNode AssertSummary(NodeScript.Result result, string mspId, string? endorserAddress, string peerLog)
    {
        ArgumentNullException.ThrowIfNull(result);
        string context = $"exit {result.ExitCode}\nstdout:\n{result.Stdout}\nstderr:\n{result.Stderr}\npeer log:\n{peerLog}";
        JsonNode summary = JsonNode.Parse(result.Stdout) ?? throw new InvalidOperationException(context);
        Assert.True(result.ExitCode == 0 && summary["ok"]!.GetValue<bool>(), context);

        Assert.True(summary["submit"]!["successful"]!.GetValue<bool>(), context);
        Assert.Equal("Tom", summary["evaluate"]!["Owner"]!.GetValue<string>());

        JsonNode endorseError = summary["endorseError"]!;
        Assert.Equal("EndorseError", endorseError["type"]!.GetValue<string>());
        Assert.Contains(endorseError["details"]!.AsArray(), d => d!["mspId"]!.GetValue<string>() == mspId
            && d["message"]!.GetValue<string>().Contains("already exists", StringComparison.Ordinal)
            && d["address"]!.GetValue<string>() is { Length: > 0 } address && (endorserAddress is null || address == endorserAddress));

        JsonNode evaluateError = summary["evaluateError"]!;
        Assert.Equal("GatewayError", evaluateError["type"]!.GetValue<string>());
        Assert.Contains(evaluateError["details"]!.AsArray(), d => d!["message"]!.GetValue<string>().Contains("does not exist", StringComparison.Ordinal));

        JsonNode events = summary["events"]!;
        string[] expected = [.. events["expectedAfterCheckpoint"]!.AsArray().Select(t => t!.GetValue<string>())];
        string[] resumed = [.. events["resumed"]!.AsArray().Select(e => e!["transactionId"]!.GetValue<string>()).Where(expected.Contains)];
        Assert.Equal(expected, resumed);
        Assert.Equal(summary["submit"]!["transactionId"]!.GetValue<string>(), events["checkpoint"]!["transactionId"]!.GetValue<string>());
        return summary;
    }
}
