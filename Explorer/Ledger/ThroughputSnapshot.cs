namespace Fabricish.Explorer.Ledger;

/// <summary>Per-second committed transaction counts ending at the unix second <paramref name="EndSecond"/>, and the
/// blocks per minute over the same window.</summary>
public sealed record ThroughputSnapshot(long EndSecond, IReadOnlyList<int> Valid, IReadOnlyList<int> Invalid, double BlocksPerMinute)
{
    /// <summary>Mean committed transactions (any code) per second over the last ten seconds.</summary>
    public double RecentTxPerSecond => (Valid.TakeLast(10).Sum() + Invalid.TakeLast(10).Sum()) / 10.0;
}
