namespace Fabricish.Benchmarks.Network;

/// <summary>What became of every transaction the bench started (seeding, warm-up, window and drain together):
/// <see cref="Started"/> = <see cref="Committed"/> + <see cref="Invalid"/> + <see cref="Failed"/> when nothing is
/// <see cref="Pending"/>. Invalid ones are counted by validation code, failed ones by step and gRPC status.</summary>
public sealed record TxAccounting(
    long Started,
    long Committed,
    long Invalid,
    long Failed,
    long Pending,
    IReadOnlyDictionary<string, long> InvalidByCode,
    IReadOnlyDictionary<string, long> FailedByReason,
    IReadOnlyList<string> FailureExamples,
    bool AllAccountedFor);
