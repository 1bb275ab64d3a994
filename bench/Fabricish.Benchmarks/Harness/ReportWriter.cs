using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Fabricish.Benchmarks.Harness;

/// <summary>Renders a <see cref="HarnessReport"/> as a Markdown table (for the console and for pasting into an issue)
/// and as JSON (for comparing runs).</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // A local report file read by people: '+' and '×' need no escaping.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(HarnessReport report) => JsonSerializer.Serialize(report, Json);

    public static string ToMarkdown(HarnessReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        Line(md, $"## Orderer harness, {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC");
        Line(md, "");
        Line(md, $"- Path: {report.Path}");
        Line(md, $"- Kafka: {report.Kafka}");
        Line(md, $"- Machine: {report.Machine}; orderer on {(report.ServerGc ? "server" : "workstation")} GC");
        Line(md, $"- Load: {report.Clients} clients, {report.EnvelopeBytes} B envelopes, {report.WarmupSeconds:0} s warm-up then {report.WindowSeconds:0.#} s measured; BatchSize.MaxMessageCount {report.MaxMessageCount}, BatchTimeout {report.BatchTimeoutMs:0} ms");
        Line(md, "");
        Line(md, "| Metric | Value | Target |");
        Line(md, "| --- | ---: | --- |");
        Row(md, "Envelopes/s sustained into blocks", $"{report.EnvelopesPerSecond:N0}", $"≥ {HarnessReport.TargetEnvelopesPerSecond:N0} {Mark(report.ThroughputTargetMet)}");
        Row(md, "Envelopes/s acknowledged to clients", $"{report.AckedPerSecond:N0}", "");
        Row(md, "Envelopes in blocks / blocks (window)", $"{report.EnvelopesInBlocks:N0} / {report.BlocksWritten:N0}", "");
        Row(md, "Cut latency ack → block p50 / p95 / p99", Latency(report.CutLatency), "");
        Row(md, "Broadcast → block p50 / p95 / p99", Latency(report.EndToEndLatency), "");
        Row(md, "Orderer process peak RSS (VmHWM)", $"{report.PeakResidentMb:N0} MB", $"≤ {HarnessReport.TargetPeakResidentMb:N0} MB {Mark(report.MemoryTargetMet)}");
        Row(md, "Orderer RSS before load / at end", $"{report.ResidentBeforeLoadMb:N0} / {report.ResidentAtEndMb:N0} MB" + (report.ManagedHeapAtEndMb is { } heap ? $"; managed heap {heap:N0} MB" : ""), "");
        Row(md, "ECDSA P-256 verifies/s (one core, same run)", $"{report.VerifiesPerSecondOneCore:N0}", "");
        if (report.InProcess)
        {
            Row(md, "Per envelope: client sign / ProcessMessage / Kafka ack wait", $"{report.SignMicroseconds:N0} / {report.ProcessMessageMicroseconds:N0} / {report.OrderWaitMicroseconds:N0} µs", "");
        }
        else
        {
            Row(md, "Per envelope: client sign / Broadcast round trip", $"{report.SignMicroseconds:N0} / {report.OrderWaitMicroseconds:N0} µs", "");
        }

        Row(md, "Orderer process CPU per envelope", $"{report.ProcessCpuMicrosecondsPerEnvelope:N0} µs", "");
        string machine = report.MachineBusyCores is { } busy ? $"{busy:0.00}" : "?";
        Row(md, "CPU cores busy: orderer / harness / Kafka+ZooKeeper / whole machine", $"{report.ProcessCores:0.00} / {report.HarnessCores:0.00} / {report.KafkaCores:0.00} / {machine}", report.InProcess ? "(in-process: orderer = harness)" : "");
        Row(md, "Refused by broadcast or Kafka", $"{report.EnvelopesRefused:N0}", "");
        return md.ToString();
    }

    /// <summary>Writes <c>orderer-&lt;time&gt;.json</c> and <c>.md</c> into <paramref name="directory"/>; returns the JSON path.</summary>
    public static string Write(HarnessReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        string stem = Path.Combine(directory, $"orderer-{report.StartedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
        File.WriteAllText(stem + ".json", ToJson(report));
        File.WriteAllText(stem + ".md", ToMarkdown(report));
        return stem + ".json";
    }

    private static string Latency(LatencySummary s) =>
        s.Samples == 0 ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{s.P50Ms:0.0} / {s.P95Ms:0.0} / {s.P99Ms:0.0} ms");

    private static string Mark(bool met) => met ? "(met)" : "(**not met**)";

    private static void Row(StringBuilder md, string metric, string value, string target) => Line(md, $"| {metric} | {value} | {target} |");

    private static void Line(StringBuilder md, string text) => md.Append(text).Append('\n');
}
