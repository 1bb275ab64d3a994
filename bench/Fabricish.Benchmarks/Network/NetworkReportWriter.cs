using System.Globalization;
using Fabricish.Benchmarks.Harness;

namespace Fabricish.Benchmarks.Network;

/// <summary>The network bench report as JSON (for machines and for comparing runs) and as Markdown (for people).</summary>
public static class NetworkReportWriter
{
    public static string ToJson(NetworkReport report) => ReportDocument.ToJson(report);

    public static NetworkReport? FromJson(string json) => ReportDocument.FromJson<NetworkReport>(json);

    public static string ToMarkdown(NetworkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        string load = report.Loop == "open"
            ? Inv($"open loop at {report.TargetRate:0.#} tx/s")
            : Inv($"closed loop, {report.Workers} workers");
        var md = new ReportDocument($"Network bench: {report.Workload}", report.StartedAt);
        string state = string.Join(", ", report.StateDatabases.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}"));
        md.Bullet(Inv($"Network: {report.Peers} peers (gateways {string.Join(", ", report.Gateways)}; state {state}), {report.Orderers} orderers (Kafka), channel {report.Channel}, chaincode {report.Chaincode}, policy `{report.Policy}`"));
        md.Bullet(Inv($"Load: {load}; {report.AssetBytes} B assets; {report.Keys} keys; {report.WarmupSeconds:0.#} s warm-up, {report.WindowSeconds:0.#} s measured"));
        string cut = report.BlockSize is { } size ? Inv($" (BatchSize.MaxMessageCount {size})") : "";
        md.Bullet(Inv($"Machine: {report.Machine}; blocks: {report.TransactionsPerBlock:0.0} tx/block{cut} over {report.BlocksOrdered:N0} blocks; order latency ends at: {report.OrderedAt}"));
        md.Line();
        md.Table("Metric", ["Value"]);
        md.Row("Committed tx/s (VALID, on every peer)", Inv($"{report.CommittedPerSecond:N1}"));
        md.Row("Invalid tx/s", Inv($"{report.InvalidPerSecond:N1}"));
        md.Row("Started tx/s (offered load)", Inv($"{report.StartedPerSecond:N1}"));
        md.Row("Measured: started / committed / invalid / failed", Inv($"{report.Measured.Started:N0} / {report.Measured.Committed:N0} / {report.Measured.Invalid:N0} / {report.Measured.Failed:N0}"));
        md.Row("All runs' transactions: started / committed / invalid / failed / pending", Inv($"{report.Transactions.Started:N0} / {report.Transactions.Committed:N0} / {report.Transactions.Invalid:N0} / {report.Transactions.Failed:N0} / {report.Transactions.Pending:N0}"));
        md.Row("Every transaction accounted for", report.Transactions.AllAccountedFor ? "yes" : "**no**");
        foreach ((string code, long n) in report.Transactions.InvalidByCode)
        {
            md.Row($"Invalid: {code}", Inv($"{n:N0}"));
        }

        foreach ((string reason, long n) in report.Transactions.FailedByReason)
        {
            md.Row($"Failed: {reason}", Inv($"{n:N0}"));
        }

        md.Line();
        md.Table("Latency (ms)", ["p50", "p95", "p99", "max", "samples"]);
        Latency(md, "endorse", report.Latency.Endorse);
        Latency(md, "submit (broadcast accepted)", report.Latency.Submit);
        Latency(md, "order (submit → block out of the orderer)", report.Latency.Order);
        Latency(md, "commit (block → committed on every peer)", report.Latency.Commit);
        Latency(md, "**end to end**", report.Latency.EndToEnd);
        md.Line();
        md.Table("Process", ["CPU, cores", "% of one core", "% of machine", "CPU ms per committed tx"]);
        foreach (ProcessCpuUse p in report.Cpu)
        {
            md.Line(Inv($"| {p.Name} | {p.Cores:0.00} | {p.PercentOfOneCore:0} | {p.PercentOfMachine:0.0} | {Ms(p.MsPerCommittedTransaction)} |"));
        }

        if (report.NetworkCpuMsPerCommittedTransaction is { } networkMs)
        {
            double networkCores = report.Cpu.Where(p => p.Name != ComponentCpu.BenchName).Sum(p => p.Cores);
            md.Line(Inv($"| **network (every process but the bench)** | {networkCores:0.00} | {networkCores * 100:0} | {networkCores * 100 / report.Cores:0.0} | **{networkMs:0.00}** |"));
        }

        if (report.MachineBusyCores is { } busy)
        {
            md.Line(Inv($"| whole machine (all processes) | {busy:0.00} | {busy * 100:0} | {busy * 100 / report.Cores:0.0} | |"));
        }

        md.Line();
        CryptoCeiling c = report.Crypto;
        md.Line(Inv($"Crypto ceiling: ECDSA P-256 on this machine, {c.SignPerSecondPerCore:N0} signs/s and {c.VerifyPerSecondPerCore:N0} verifies/s per core × {c.Cores} cores; a transaction costs {c.SignsPerTransaction:0.##} signs + {c.VerifiesPerTransaction:0.##} verifies across all nodes → **ceiling {c.CeilingTransactionsPerSecond:N0} tx/s; achieved {report.CryptoCeilingFraction:P1}**."));
        md.Line();
        md.Table("Signatures per transaction (model: curve operations left with the signature memory)", ["signs", "verifies"]);
        foreach (SignatureCount s in c.PerTransaction)
        {
            md.Line(Inv($"| {s.Where} | {s.Signs:0.##} | {s.Verifies:0.##} |"));
        }

        if (report.MeasuredSignatures.Count > 0)
        {
            md.Line();
            md.Table("ECDSA operations per committed transaction, as the peers counted them (/metrics)", ["signs", "verifies"]);
            foreach (SignatureCount s in report.MeasuredSignatures)
            {
                md.Line(Inv($"| {s.Where} | {s.Signs:0.##} | {s.Verifies:0.##} |"));
            }
        }

        if (report.WhereTimeGoes.Count > 0)
        {
            md.Line();
            md.Table("Where a committed transaction's time goes", ["mean ms", "share"]);
            foreach (StageShare s in report.WhereTimeGoes)
            {
                md.Line(Inv($"| {s.Stage} | {s.MeanMs:0.0} | {s.Share:P0} |"));
            }
        }

        if (report.StateDbRequests.Count > 0)
        {
            md.Line();
            md.Table("State database requests in the window", ["count", "per committed tx"]);
            foreach (StateDbRequestCount r in report.StateDbRequests)
            {
                md.Line(Inv($"| {r.Server}: {r.Request} | {r.Count:N0} | {r.PerTransaction:0.00} |"));
            }
        }

        if (report.Notes.Count > 0 || report.Transactions.FailureExamples.Count > 0)
        {
            md.Line();
            foreach (string note in report.Notes)
            {
                md.Line($"- {note}");
            }

            foreach (string example in report.Transactions.FailureExamples.Take(5))
            {
                md.Line($"- failed: {example}");
            }
        }

        if (report.Files.Count > 0)
        {
            md.Line();
            md.Line("Files: " + string.Join(", ", report.Files.Select(f => $"{f.Key} `{f.Value}`")));
        }

        return md.ToString();
    }

    private static void Latency(ReportDocument md, string name, LatencySummary s)
    {
        if (s.Samples == 0)
        {
            md.Line($"| {name} | n/a | | | | 0 |");
            return;
        }

        md.Line(Inv($"| {name} | {s.P50Ms:0.0} | {s.P95Ms:0.0} | {s.P99Ms:0.0} | {s.MaxMs:0.0} | {s.Samples:N0} |"));
    }

    private static string Inv(FormattableString text) => ReportDocument.Inv(text);

    private static string Ms(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "";
}
