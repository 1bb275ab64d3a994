namespace Fabricish.Benchmarks.Harness;

/// <summary>Renders a <see cref="HarnessReport"/> as a Markdown table (for the console and for pasting into an issue)
/// and as JSON (for comparing runs).</summary>
public static class ReportWriter
{
    public static string ToJson(HarnessReport report) => ReportDocument.ToJson(report);

    public static string ToMarkdown(HarnessReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new ReportDocument("Orderer harness", report.StartedAt);
        md.Bullet($"Path: {report.Path}");
        md.Bullet($"Kafka: {report.Kafka}");
        md.Bullet($"Machine: {report.Machine}; orderer on {(report.ServerGc ? "server" : "workstation")} GC");
        md.Bullet($"Load: {report.Clients} clients, {report.EnvelopeBytes} B envelopes, {report.WarmupSeconds:0} s warm-up then {report.WindowSeconds:0.#} s measured; BatchSize.MaxMessageCount {report.MaxMessageCount}, BatchTimeout {report.BatchTimeoutMs:0} ms");
        md.Line();
        md.Table("Metric", ["Value"], "Target");
        md.Row("Envelopes/s sustained into blocks", $"{report.EnvelopesPerSecond:N0}", $"≥ {HarnessReport.TargetEnvelopesPerSecond:N0} {Mark(report.ThroughputTargetMet)}");
        md.Row("Envelopes/s acknowledged to clients", $"{report.AckedPerSecond:N0}", "");
        md.Row("Envelopes in blocks / blocks (window)", $"{report.EnvelopesInBlocks:N0} / {report.BlocksWritten:N0}", "");
        md.Row("Cut latency ack → block p50 / p95 / p99", Latency(report.CutLatency), "");
        md.Row("Broadcast → block p50 / p95 / p99", Latency(report.EndToEndLatency), "");
        md.Row("Orderer process peak RSS (VmHWM)", $"{report.PeakResidentMb:N0} MB", $"≤ {HarnessReport.TargetPeakResidentMb:N0} MB {Mark(report.MemoryTargetMet)}");
        md.Row("Orderer RSS before load / at end", $"{report.ResidentBeforeLoadMb:N0} / {report.ResidentAtEndMb:N0} MB" + (report.ManagedHeapAtEndMb is { } heap ? $"; managed heap {heap:N0} MB" : ""), "");
        md.Row("ECDSA P-256 verifies/s (one core, same run)", $"{report.VerifiesPerSecondOneCore:N0}", "");
        if (report.InProcess)
        {
            md.Row("Per envelope: client sign / ProcessMessage / Kafka ack wait", $"{report.SignMicroseconds:N0} / {report.ProcessMessageMicroseconds:N0} / {report.OrderWaitMicroseconds:N0} µs", "");
        }
        else
        {
            md.Row("Per envelope: client sign / Broadcast round trip", $"{report.SignMicroseconds:N0} / {report.OrderWaitMicroseconds:N0} µs", "");
        }

        md.Row("Orderer process CPU per envelope", $"{report.ProcessCpuMicrosecondsPerEnvelope:N0} µs", "");
        string machine = report.MachineBusyCores is { } busy ? $"{busy:0.00}" : "?";
        md.Row("CPU cores busy: orderer / harness / Kafka+ZooKeeper / whole machine", $"{report.ProcessCores:0.00} / {report.HarnessCores:0.00} / {report.KafkaCores:0.00} / {machine}", report.InProcess ? "(in-process: orderer = harness)" : "");
        md.Row("Refused by broadcast or Kafka", $"{report.EnvelopesRefused:N0}", "");
        return md.ToString();
    }

    /// <summary>Writes <c>orderer-&lt;time&gt;.json</c> and <c>.md</c> into <paramref name="directory"/>; returns the JSON path.</summary>
    public static string Write(HarnessReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        return ReportDocument.Write(directory, "orderer", report.StartedAt, ToJson(report), ToMarkdown(report));
    }

    private static string Latency(LatencySummary s) =>
        s.Samples == 0 ? "n/a" : ReportDocument.Inv($"{s.P50Ms:0.0} / {s.P95Ms:0.0} / {s.P99Ms:0.0} ms");

    private static string Mark(bool met) => met ? "(met)" : "(**not met**)";
}
