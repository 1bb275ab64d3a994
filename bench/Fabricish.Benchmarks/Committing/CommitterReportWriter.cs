using Fabricish.Benchmarks.Harness;

namespace Fabricish.Benchmarks.Committing;

/// <summary>Renders a <see cref="CommitterReport"/> as Markdown (console, issues) and JSON (comparing runs).</summary>
public static class CommitterReportWriter
{
    public static string ToJson(CommitterReport report) => ReportDocument.ToJson(report);

    public static string ToMarkdown(CommitterReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new ReportDocument("Committing peer", report.StartedAt);
        md.Bullet($"Machine: {report.Machine}");
        md.Bullet($"Load average (1/5/15 min) at start → end: {report.LoadAverage}");
        md.Bullet($"State database: {report.StateDatabase}");
        CommitRunResult? first = report.Runs.FirstOrDefault();
        if (first is { ValidationMsPerBlock: 0, AppendMsPerBlock: 0 })
        {
            md.Bullet("Blocks built while committed (a long run, for memory): the cores are shared with building them, stages not measured");
        }

        md.Bullet($"Workload: {first?.Blocks ?? 0} measured blocks after {report.WarmupBlocks} warm-up, {report.TransactionsPerBlock} tx/block, {report.EnvelopeBytes} B envelopes; " +
            $"each tx reads one asset at its committed version and writes it (distinct keys), endorsed by Org1 and Org2 peers under AND(Org1, Org2), signed by an Org1 client (built in {report.BuildSeconds:0.0} s)");
        md.Line();
        md.Table("Metric", report.Runs.Select(Name), "Target");
        Row(md, report, "**Tx/s validated + committed**", r => $"**{r.TransactionsPerSecond:N0}**", $"≥ {CommitterReport.TargetTransactionsPerSecond:N0} {(report.TargetMet ? "(met)" : "(**not met**)")}");
        Row(md, report, "Blocks/s", r => $"{r.BlocksPerSecond:N1}", "");
        Row(md, report, "Valid / committed tx", r => $"{r.ValidTransactions:N0} / {r.Transactions:N0}", "all valid");
        Row(md, report, "Wall time per block / commit latency p50 / p99", r => Inv($"{r.CommitMsPerBlock:0.0} / {r.CommitP50Ms:0.0} / {r.CommitP99Ms:0.0} ms"), "");
        Row(md, report, "State writes / savepoints stored for the blocks (queued blocks written together)", r => $"{r.StateWrites:N0} / {r.SavepointsRecorded:N0}", "");
        md.Line("| *Stages (per block; they overlap when the state writes are pipelined)* |" + string.Concat(report.Runs.Select(_ => " |")) + " |");
        Row(md, report, "· validation (TxValidator, separate pass)", r => Stage(r.ValidationMsPerBlock, r), "");
        Row(md, report, "· MVCC version load (bulk read of versions not cached, overlaps validation)", r => Stage(r.VersionLoadMsPerBlock, r), "");
        Row(md, report, "· state write (CouchDB bulk write + savepoint, or one embedded write batch)", r => Stage(r.BulkWriteMsPerBlock, r), "");
        Row(md, report, "· block append, not yet fsynced (separate pass)", r => Stage(r.AppendMsPerBlock, r), "");
        Row(md, report, "· block store fsync before the state write (separate pass)", r => Stage(r.BlockSyncMsPerBlock, r), "");
        Row(md, report, "· other (checks, data hash, MVCC compare, history file)", r => Stage(r.OtherMsPerBlock, r), "");
        Row(md, report, "GC in the committer: gen0 / gen1 / gen2 collections, pause, KB allocated per block", r => Inv($"{r.Collections[0]} / {r.Collections[1]} / {r.Collections[2]}, {r.GcPauseMs:0} ms, {r.AllocatedKBPerBlock:N0} KB"), "");
        Row(md, report, Inv($"Resident set after {CommitRunResult.RssMarkBlocks} blocks / its peak after that (ratio) / process peak"), r => r.RssAfterMarkMiB is { } mark
            ? Inv($"{mark:N0} / {r.PeakRssAfterMarkMiB:N0} MiB ({r.RssGrowth:0.00}×) / {r.ProcessPeakRssMiB:N0} MiB")
            : Inv($"(run < {CommitRunResult.RssMarkBlocks} blocks) / {r.ProcessPeakRssMiB:N0} MiB"), "peak ≤ 1.5× (bounded memory)");
        Row(md, report, "CPU cores busy: committer / whole machine", r => Inv($"{r.CommitterCores:0.00} / ") + (r.MachineCores is { } m ? Inv($"{m:0.00}") : "?"), "");
        md.Line();
        md.Table("Crypto in the same run", ["1 thread", "all cores"]);
        md.Row("ECDSA P-256 verifies/s", $"{report.VerifiesPerSecondOneThread:N0}", $"{report.VerifiesPerSecondAllCores:N0}");
        md.Row($"Crypto ceiling, tx/s ({CommitterReport.VerifiesPerTransaction} verifies per tx)", $"{report.CryptoCeilingOneThread:N0}", $"{report.CryptoCeilingAllCores:N0}");
        foreach (CommitRunResult run in report.Runs)
        {
            double ceiling = run.ParallelValidation ? report.CryptoCeilingAllCores : report.CryptoCeilingOneThread;
            md.Line(Inv($"| {Name(run)}: share of its crypto ceiling | {run.TransactionsPerSecond / ceiling:P0} | |"));
        }

        return md.ToString();
    }

    /// <summary>Writes <c>committer-&lt;time&gt;.json</c> and <c>.md</c> into <paramref name="directory"/>; returns the JSON path.</summary>
    public static string Write(CommitterReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        return ReportDocument.Write(directory, "committer", report.StartedAt, ToJson(report), ToMarkdown(report));
    }

    private static string Name(CommitRunResult run) =>
        (run.ParallelValidation ? "parallel validation" : "sequential validation") + (run.PipelinedStateWrites ? "" : ", no pipeline");

    private static string Stage(double ms, CommitRunResult run) =>
        Inv($"{ms:0.00} ms ({ms / run.CommitMsPerBlock:P0})");

    private static string Inv(FormattableString text) => ReportDocument.Inv(text);

    private static void Row(ReportDocument md, CommitterReport report, string metric, Func<CommitRunResult, string> value, string target) =>
        md.Row([metric, .. report.Runs.Select(value), target]);
}
