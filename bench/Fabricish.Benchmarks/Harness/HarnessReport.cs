namespace Fabricish.Benchmarks.Harness;

/// <summary>Everything one harness run measured, as written to the JSON report.</summary>
public sealed record HarnessReport
{
    public const double TargetEnvelopesPerSecond = 8_000;
    public const double TargetPeakResidentMb = 250;

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Which path the envelopes took into the orderer (in-process pipeline or the gRPC service).</summary>
    public required string Path { get; init; }

    public required string Kafka { get; init; }

    public required string Machine { get; init; }

    public required int Clients { get; init; }

    public required double WindowSeconds { get; init; }

    public required double WarmupSeconds { get; init; }

    public required int EnvelopeBytes { get; init; }

    public required uint MaxMessageCount { get; init; }

    public required double BatchTimeoutMs { get; init; }

    public required long EnvelopesSent { get; init; }

    public required long EnvelopesAcked { get; init; }

    public required long EnvelopesRefused { get; init; }

    public required long EnvelopesInBlocks { get; init; }

    public required long BlocksWritten { get; init; }

    /// <summary>Envelopes that landed in blocks written inside the window, per second: the headline figure.</summary>
    public required double EnvelopesPerSecond { get; init; }

    public required double AckedPerSecond { get; init; }

    /// <summary>Broadcast acknowledged (Kafka acks=all) → block holding the envelope written.</summary>
    public required LatencySummary CutLatency { get; init; }

    /// <summary>Envelope handed to broadcast → block written (includes the Kafka round trip).</summary>
    public required LatencySummary EndToEndLatency { get; init; }

    /// <summary>Envelopes whose block was read back before their acknowledgement reached the client; their cut
    /// latency counts as 0.</summary>
    public required long WrittenBeforeAck { get; init; }

    public required double SignMicroseconds { get; init; }

    public required double ProcessMessageMicroseconds { get; init; }

    public required double OrderWaitMicroseconds { get; init; }

    public required double PeakResidentMb { get; init; }

    public required double ResidentBeforeLoadMb { get; init; }

    public required double ResidentAtEndMb { get; init; }

    /// <summary>Only known when the orderer runs in this process.</summary>
    public required double? ManagedHeapAtEndMb { get; init; }

    /// <summary>Whether the orderer pipeline ran in the harness's own process (so client work shares its CPU and memory).</summary>
    public required bool InProcess { get; init; }

    public required bool ServerGc { get; init; }

    /// <summary>CPU cores the orderer's process kept busy on average over the window (in-process: clients included).</summary>
    public required double ProcessCores { get; init; }

    /// <summary>CPU cores the harness (clients signing, block watcher) kept busy; equal to <see cref="ProcessCores"/> in-process.</summary>
    public required double HarnessCores { get; init; }

    /// <summary>CPU cores used by the ZooKeeper and Kafka processes the harness started (0 with --bootstrap).</summary>
    public required double KafkaCores { get; init; }

    /// <summary>CPU cores busy machine-wide over the window; the rest is Kafka, ZooKeeper and anything else running.</summary>
    public required double? MachineBusyCores { get; init; }

    public required double ProcessCpuMicrosecondsPerEnvelope { get; init; }

    public required double VerifiesPerSecondOneCore { get; init; }

    public bool ThroughputTargetMet => EnvelopesPerSecond >= TargetEnvelopesPerSecond;

    public bool MemoryTargetMet => PeakResidentMb <= TargetPeakResidentMb;
}
