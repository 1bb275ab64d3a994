using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Fabricish.Peer.Operations;

/// <summary>The committing peer's instruments: blocks committed and refused, and commit attempts the state database
/// failed, by channel. Totals are also kept here so /metrics can print them without a metrics pipeline.</summary>
internal sealed class PeerMetrics : IDisposable
{
    public const string MeterName = "Fabricish.Peer";

    private readonly Counter<long> _committed;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _commitFailures;
    private readonly ConcurrentDictionary<(string Name, string Channel), long> _totals = new();

    public PeerMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter = meters.Create(MeterName);
        _committed = Meter.CreateCounter<long>(CommittedName, description: "Blocks committed, by channel");
        _refused = Meter.CreateCounter<long>(RefusedName, description: "Delivered blocks refused (signature, chain or data hash), by channel");
        _commitFailures = Meter.CreateCounter<long>(CommitFailuresName, description: "Commit attempts that failed on the state database, by channel");
    }

    public const string CommittedName = "fabricish.peer.blocks.committed";

    public const string RefusedName = "fabricish.peer.blocks.refused";

    public const string CommitFailuresName = "fabricish.peer.commit.failures";

    /// <summary>This node's meter: several peers may share a process (tests).</summary>
    public Meter Meter { get; }

    public IReadOnlyDictionary<(string Name, string Channel), long> Totals => _totals;

    public void BlockCommitted(string channel) => Add(_committed, CommittedName, channel);

    public void BlockRefused(string channel) => Add(_refused, RefusedName, channel);

    public void CommitFailed(string channel) => Add(_commitFailures, CommitFailuresName, channel);

    public void Dispose() => Meter.Dispose();

    private void Add(Counter<long> counter, string name, string channel)
    {
        counter.Add(1, new KeyValuePair<string, object?>("channel", channel));
        _totals.AddOrUpdate((name, channel), 1, (_, total) => total + 1);
    }
}
