namespace Fabricish.Benchmarks.Chaos;

/// <summary>One line of the chaos table: a fault, what its transactions became, and whether it passed.</summary>
public sealed record ChaosRow(
    string Fault,
    string Action,
    double OutageSeconds,
    long Committed,
    long Invalid,
    long Failed,
    long LateCommitted,
    long Lost,
    long Doubled,
    string Hand,
    string Notes,
    bool Passed);
