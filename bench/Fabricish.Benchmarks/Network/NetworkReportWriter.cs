using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fabricish.Benchmarks.Harness;

namespace Fabricish.Benchmarks.Network;

/// <summary>The network bench report as JSON (for machines and for comparing runs) and as Markdown (for people).</summary>
public static class NetworkReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(NetworkReport report) => JsonSerializer.Serialize(report, Json);

    public static NetworkReport? FromJson(string json) => JsonSerializer.Deserialize<NetworkReport>(json, Json);

    public static string ToMarkdown(NetworkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        string load = report.Loop == "open"
            ? Inv($"open loop at {report.TargetRate:0.#} tx/s")
            : Inv($"closed loop, {report.Workers} workers");
        Line(md, Inv($"## Network bench: {report.Workload}, {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC"));
        Line(md, "");
        string state = string.Join(", ", report.StateDatabases.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}"));
        Line(md, Inv($"- Network: {report.Peers} peers (gateways {string.Join(", ", report.Gateways)}; state {state}), {report.Orderers} orderers (Kafka), channel {report.Channel}, chaincode {report.Chaincode}, policy `{report.Policy}`"));
        Line(md, Inv($"- Load: {load}; {report.AssetBytes} B assets; {report.Keys} keys; {report.WarmupSeconds:0.#} s warm-up, {report.WindowSeconds:0.#} s measured"));
        Line(md, Inv($"- Machine: {report.Machine}; blocks: {report.TransactionsPerBlock:0.0} tx/block over {report.BlocksOrdered:N0} blocks; order latency ends at: {report.OrderedAt}"));
        Line(md, "");
        Line(md, "| Metric | Value |");
        Line(md, "| --- | ---: |");
        Row(md, "Committed tx/s (VALID, on every peer)", Inv($"{report.CommittedPerSecond:N1}"));
        Row(md, "Invalid tx/s", Inv($"{report.InvalidPerSecond:N1}"));
        Row(md, "Started tx/s (offered load)", Inv($"{report.StartedPerSecond:N1}"));
        Row(md, "Measured: started / committed / invalid / failed", Inv($"{report.Measured.Started:N0} / {report.Measured.Committed:N0} / {report.Measured.Invalid:N0} / {report.Measured.Failed:N0}"));
        Row(md, "All runs' transactions: started / committed / invalid / failed / pending", Inv($"{report.Transactions.Started:N0} / {report.Transactions.Committed:N0} / {report.Transactions.Invalid:N0} / {report.Transactions.Failed:N0} / {report.Transactions.Pending:N0}"));
        Row(md, "Every transaction accounted for", report.Transactions.AllAccountedFor ? "yes" : "**no**");
        foreach ((string code, long n) in report.Transactions.InvalidByCode)
        {
            Row(md, $"Invalid: {code}", Inv($"{n:N0}"));
        }

        foreach ((string reason, long n) in report.Transactions.FailedByReason)
        {
            Row(md, $"Failed: {reason}", Inv($"{n:N0}"));
        }

        Line(md, "");
        Line(md, "| Latency (ms) | p50 | p95 | p99 | max | samples |");
        Line(md, "| --- | ---: | ---: | ---: | ---: | ---: |");
        Latency(md, "endorse", report.Latency.Endorse);
        Latency(md, "submit (broadcast accepted)", report.Latency.Submit);
        Latency(md, "order (submit → block out of the orderer)", report.Latency.Order);
        Latency(md, "commit (block → committed on every peer)", report.Latency.Commit);
        Latency(md, "**end to end**", report.Latency.EndToEnd);
        Line(md, "");
        Line(md, "| Process | CPU, cores | % of one core | % of machine | CPU ms per committed tx |");
        Line(md, "| --- | ---: | ---: | ---: | ---: |");
        foreach (ProcessCpuUse p in report.Cpu)
        {
            Line(md, Inv($"| {p.Name} | {p.Cores:0.00} | {p.PercentOfOneCore:0} | {p.PercentOfMachine:0.0} | {Ms(p.MsPerCommittedTransaction)} |"));
        }

        if (report.NetworkCpuMsPerCommittedTransaction is { } networkMs)
        {
            double networkCores = report.Cpu.Where(p => p.Name != ComponentCpu.BenchName).Sum(p => p.Cores);
            Line(md, Inv($"| **network (every process but the bench)** | {networkCores:0.00} | {networkCores * 100:0} | {networkCores * 100 / report.Cores:0.0} | **{networkMs:0.00}** |"));
        }

        if (report.MachineBusyCores is { } busy)
        {
            Line(md, Inv($"| whole machine (all processes) | {busy:0.00} | {busy * 100:0} | {busy * 100 / report.Cores:0.0} | |"));
        }

        Line(md, "");
        CryptoCeiling c = report.Crypto;
        Line(md, Inv($"Crypto ceiling: ECDSA P-256 on this machine, {c.SignPerSecondPerCore:N0} signs/s and {c.VerifyPerSecondPerCore:N0} verifies/s per core × {c.Cores} cores; a transaction costs {c.SignsPerTransaction:0.##} signs + {c.VerifiesPerTransaction:0.##} verifies across all nodes → **ceiling {c.CeilingTransactionsPerSecond:N0} tx/s; achieved {report.CryptoCeilingFraction:P1}**."));
        Line(md, "");
        Line(md, "| Signatures per transaction | signs | verifies |");
        Line(md, "| --- | ---: | ---: |");
        foreach (SignatureCount s in c.PerTransaction)
        {
            Line(md, Inv($"| {s.Where} | {s.Signs:0.##} | {s.Verifies:0.##} |"));
        }

        if (report.WhereTimeGoes.Count > 0)
        {
            Line(md, "");
            Line(md, "| Where a committed transaction's time goes | mean ms | share |");
            Line(md, "| --- | ---: | ---: |");
            foreach (StageShare s in report.WhereTimeGoes)
            {
                Line(md, Inv($"| {s.Stage} | {s.MeanMs:0.0} | {s.Share:P0} |"));
            }
        }

        if (report.StateDbRequests.Count > 0)
        {
            Line(md, "");
            Line(md, "| State database requests in the window | count | per committed tx |");
            Line(md, "| --- | ---: | ---: |");
            foreach (StateDbRequestCount r in report.StateDbRequests)
            {
                Line(md, Inv($"| {r.Server}: {r.Request} | {r.Count:N0} | {r.PerTransaction:0.00} |"));
            }
        }

        if (report.Notes.Count > 0 || report.Transactions.FailureExamples.Count > 0)
        {
            Line(md, "");
            foreach (string note in report.Notes)
            {
                Line(md, $"- {note}");
            }

            foreach (string example in report.Transactions.FailureExamples.Take(5))
            {
                Line(md, $"- failed: {example}");
            }
        }

        if (report.Files.Count > 0)
        {
            Line(md, "");
            Line(md, "Files: " + string.Join(", ", report.Files.Select(f => $"{f.Key} `{f.Value}`")));
        }

        return md.ToString();
    }

    private static void Latency(StringBuilder md, string name, LatencySummary s)
    {
        if (s.Samples == 0)
        {
            Line(md, $"| {name} | n/a | | | | 0 |");
            return;
        }

        Line(md, Inv($"| {name} | {s.P50Ms:0.0} | {s.P95Ms:0.0} | {s.P99Ms:0.0} | {s.MaxMs:0.0} | {s.Samples:N0} |"));
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Row(StringBuilder md, string metric, string value) => Line(md, $"| {metric} | {value} |");

    private static void Line(StringBuilder md, string text) => md.Append(text).Append('\n');

    private static string Ms(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "";
}
