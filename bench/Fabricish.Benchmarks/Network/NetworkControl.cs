using System.Globalization;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fabricish.Testing;

namespace Fabricish.Benchmarks.Network;

/// <summary>
/// What the bench asks of <c>./fabricish</c>: up and down of the sample network, and a chaincode definition update
/// when <c>--policy</c> names another endorsement policy (approve for each org, then commit, with the next sequence —
/// Fabric's lifecycle flow, as each org's admin).
/// </summary>
public static partial class NetworkControl
{
    /// <summary>The policy <c>./fabricish up</c> deploys the sample chaincode with.</summary>
    public const string DefaultPolicy = "AND('Org1MSP.peer','Org2MSP.peer')";

    internal static string Script => Path.Combine(RepoPaths.Root, "fabricish");

    /// <summary>Runs <c>./fabricish up --run-dir DIR</c> with its output on this console; its exit code.</summary>
    public static Task<int> UpAsync(string runDirectory, string? basePort, string? stateDatabase, int? blockSize, CancellationToken cancellationToken) =>
        RunAsync(
            Script,
            [
                "up", "--run-dir", runDirectory,
                .. basePort is null ? Array.Empty<string>() : ["--base-port", basePort],
                .. stateDatabase is null ? Array.Empty<string>() : ["--state-db", stateDatabase],
                .. blockSize is null ? Array.Empty<string>() : ["--block-size", blockSize.Value.ToString(CultureInfo.InvariantCulture)],
            ],
            null,
            echo: true,
            cancellationToken)
            .ContinueWith(t => t.Result.ExitCode, TaskScheduler.Default);

    public static Task<int> DownAsync(string runDirectory, CancellationToken cancellationToken) =>
        RunAsync(Script, ["down", "--run-dir", runDirectory], null, echo: true, cancellationToken).ContinueWith(t => t.Result.ExitCode, TaskScheduler.Default);

    /// <summary>The endorsement policy the bench last set on this network, or the default one.</summary>
    public static string CurrentPolicy(NetworkLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        string file = PolicyFile(layout);
        return File.Exists(file) ? File.ReadAllText(file).Trim() : DefaultPolicy;
    }

    /// <returns>Null on success, or what failed.</returns>
    public static async Task<string?> SetPolicyAsync(NetworkLayout layout, string policy, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(progress);
        // Older run folders say how the chaincode was defined; "configured" peers take the policy from their settings.
        if (layout.Deploy == "configured" || string.IsNullOrEmpty(layout.PackageId))
        {
            return "--policy needs a chaincode deployed through the lifecycle (network.json names no package id)";
        }

        OrgEndpoint first = layout.Orgs[0];
        (int code, string output) = await CliAsync(layout, first, cancellationToken, "lifecycle", "chaincode", "querycommitted", "-C", layout.Channel, "-n", layout.Chaincode).ConfigureAwait(false);
        Match sequence = SequenceText().Match(output);
        if (code != 0 || !sequence.Success)
        {
            return $"querycommitted failed: {output.Trim()}";
        }

        string version = VersionText().Match(output) is { Success: true } v ? v.Groups[1].Value : "1.0";
        string next = (long.Parse(sequence.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] definition = ["-C", layout.Channel, "-n", layout.Chaincode, "-v", version, "--sequence", next, "--signature-policy", policy];
        foreach (OrgEndpoint org in layout.Orgs)
        {
            await progress.WriteLineAsync($"bench: approving {layout.Chaincode} sequence {next} with {policy} for {org.MspId}").ConfigureAwait(false);
            (code, output) = await CliAsync(layout, org, cancellationToken, ["lifecycle", "chaincode", "approveformyorg", .. definition, "--package-id", layout.PackageId]).ConfigureAwait(false);
            if (code != 0)
            {
                return $"approveformyorg for {org.MspId} failed: {output.Trim()}";
            }
        }

        (code, output) = await CliAsync(layout, first, cancellationToken, ["lifecycle", "chaincode", "commit", .. definition]).ConfigureAwait(false);
        if (code != 0)
        {
            return $"committing the definition failed: {output.Trim()}";
        }

        Directory.CreateDirectory(Path.GetDirectoryName(PolicyFile(layout))!);
        await File.WriteAllTextAsync(PolicyFile(layout), policy, cancellationToken).ConfigureAwait(false);
        return null;
    }

    private static string PolicyFile(NetworkLayout layout) => Path.Combine(layout.RunDirectory, "bench", "policy.txt");

    /// <summary>The CLI as the org's admin (Fabric's CORE_PEER_* environment), its exit code and output.</summary>
    private static async Task<(int ExitCode, string Output)> CliAsync(NetworkLayout layout, OrgEndpoint org, CancellationToken cancellationToken, params string[] args)
    {
        JsonNode? network = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(layout.RunDirectory, "network.json"), cancellationToken).ConfigureAwait(false));
        string adminMsp = network?["orgs"]?[org.Name]?["adminMsp"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"network.json names no admin MSP for {org.Name}");
        var environment = new Dictionary<string, string>
        {
            ["CORE_PEER_ADDRESS"] = org.Peer.Url.Replace("grpcs://", "", StringComparison.Ordinal).Replace("grpc://", "", StringComparison.Ordinal),
            ["CORE_PEER_LOCALMSPID"] = org.MspId,
            ["CORE_PEER_MSPCONFIGPATH"] = adminMsp,
            ["CORE_PEER_TLS_ENABLED"] = org.Peer.TlsCaPath is null ? "false" : "true",
        };
        if (org.Peer.TlsCaPath is { } ca)
        {
            environment["CORE_PEER_TLS_ROOTCERT_FILE"] = ca;
        }

        return await RunAsync(Script, ["cli", .. args], environment, echo: false, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args, Dictionary<string, string>? environment, bool echo, CancellationToken cancellationToken)
    {
        // Echoed output goes to stderr: stdout is the report's.
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = !echo,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach ((string key, string value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        start.Environment.Remove("FABRICISH_CONNECTION_PROFILE");
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        Task<string> stdout = echo
            ? process.StandardOutput.BaseStream.CopyToAsync(Console.OpenStandardError(), cancellationToken).ContinueWith(_ => "", TaskScheduler.Default)
            : process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = echo ? Task.FromResult("") : process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }

    [GeneratedRegex(@"Sequence: (\d+)")]
    private static partial Regex SequenceText();

    [GeneratedRegex(@"Version: ([^,\s]+)")]
    private static partial Regex VersionText();
}
