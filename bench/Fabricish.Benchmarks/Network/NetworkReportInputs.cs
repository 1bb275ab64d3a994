namespace Fabricish.Benchmarks.Network;

/// <summary>What a finished run hands the report builder.</summary>
public sealed record NetworkReportInputs(
    NetworkBenchOptions Options,
    NetworkLayout Layout,
    string Policy,
    IReadOnlyList<string> Gateways,
    IReadOnlyList<TxRecord> Records,
    DateTimeOffset StartedAt,
    long Origin,
    LoadWindow Window,
    double SignPerCore,
    double VerifyPerCore,
    (long Blocks, long Transactions) Ordered,
    bool WatchedOrderer,
    long Skipped,
    IReadOnlyList<string> WatchErrors);
