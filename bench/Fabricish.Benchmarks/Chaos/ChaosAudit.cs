using System.Diagnostics;
using System.Globalization;
using Fabricish.Benchmarks.Network;
using Fabricish.Protos.Peer;

namespace Fabricish.Benchmarks.Chaos;

/// <summary>
/// Holds the client's record of every transaction against the peers' ledgers as read back. A transaction the orderer
/// acknowledged (or a peer reported committed) must be in every ledger, VALID where the client saw it VALID: otherwise
/// it is lost. A transaction VALID more than once in a ledger is doubled. Transactions belong to the fault during which
/// they started.
/// </summary>
public static class ChaosAudit
{
    /// <summary>Gaps between commits longer than this count as outage (at the suite's rates blocks are cut at least
    /// every second: the batch timeout).</summary>
    public static readonly TimeSpan OutageGap = TimeSpan.FromSeconds(2);

    public static IReadOnlyList<ChaosRow> Rows(IReadOnlyList<ChaosPhase> phases, IReadOnlyList<TxRecord> records, IReadOnlyList<PeerLedger> ledgers)
    {
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(ledgers);
        long[] commits = [.. records.Where(r => r.Outcome is TxOutcome.Committed or TxOutcome.Invalid && r.Committed != 0).Select(r => r.Committed).Order()];
        return [.. phases.Select(phase => Row(phase, [.. records.Where(r => phase.Contains(r.Start))], ledgers, commits))];
    }

    public static bool IsLost(TxRecord record, IReadOnlyList<PeerLedger> ledgers)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(ledgers);
        bool acknowledged = record.Submitted != 0 || record.Outcome is TxOutcome.Committed or TxOutcome.Invalid;
        if (!acknowledged)
        {
            return false;
        }

        return ledgers.Any(l => l.Find(record.TransactionId).Count == 0)
            || (record.Outcome == TxOutcome.Committed && ledgers.Any(l => l.ValidCount(record.TransactionId) == 0));
    }

    public static bool IsDoubled(TxRecord record, IReadOnlyList<PeerLedger> ledgers) =>
        ledgers.Any(l => l.ValidCount(record.TransactionId) > 1);

    /// <summary>Seconds inside the phase (from the injection to its end) spent in gaps between commits longer than
    /// <see cref="OutageGap"/>.</summary>
    public static double Outage(ChaosPhase phase, long[] commits)
    {
        ArgumentNullException.ThrowIfNull(phase);
        ArgumentNullException.ThrowIfNull(commits);
        long from = phase.Injected != 0 ? phase.Injected : phase.Start;
        long threshold = (long)(OutageGap.TotalSeconds * Stopwatch.Frequency);
        long outage = 0;
        long previous = from;
        foreach (long commit in commits.Where(c => c > from && c <= phase.End).Append(phase.End))
        {
            if (commit - previous > threshold)
            {
                outage += commit - previous;
            }

            previous = commit;
        }

        return (double)outage / Stopwatch.Frequency;
    }

    private static ChaosRow Row(ChaosPhase phase, List<TxRecord> records, IReadOnlyList<PeerLedger> ledgers, long[] commits)
    {
        string action = string.Join("; ", phase.Actions);
        if (phase.Skipped is { } why)
        {
            return new ChaosRow(phase.Fault, "skipped", 0, 0, 0, 0, 0, 0, 0, "-", why, Passed: false);
        }

        long committed = records.Count(r => r.Outcome == TxOutcome.Committed);
        long invalid = records.Count(r => r.Outcome == TxOutcome.Invalid);
        long failed = records.Count(r => r.Outcome is TxOutcome.Failed or TxOutcome.Pending);
        long late = records.Count(r => r.Outcome is TxOutcome.Failed && ledgers.All(l => l.ValidCount(r.TransactionId) == 1));
        long lost = records.Count(r => IsLost(r, ledgers));
        long doubled = records.Count(r => IsDoubled(r, ledgers));
        var notes = new List<string>(phase.Notes);
        if (invalid > 0)
        {
            notes.Add("invalid: " + string.Join(", ", records.Where(r => r.Outcome == TxOutcome.Invalid).GroupBy(r => r.Code?.ToString() ?? "?").Select(g => $"{g.Count()} {g.Key}")));
        }

        if (failed > 0)
        {
            notes.Add("failed: " + string.Join(", ", records.Where(r => r.Outcome is TxOutcome.Failed or TxOutcome.Pending)
                .GroupBy(r => Reason(r.Reason)).OrderByDescending(g => g.Count()).Take(3).Select(g => $"{g.Count()} {g.Key}")));
        }

        if (phase.CatchUpSeconds is { } catchUp)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"peers at the orderers' height {catchUp:0.0} s after the heal")
                + (phase.CatchUpLimitSeconds is { } limit ? string.Create(CultureInfo.InvariantCulture, $" (limit {limit:0} s)") : ""));
        }

        bool catchUpOk = phase.CatchUpLimitSeconds is not { } max || phase.CatchUpSeconds is { } seconds && seconds <= max;
        bool passed = !phase.StepFailed && phase.Recovered && phase.Hand == "no" && lost == 0 && doubled == 0 && catchUpOk;
        return new ChaosRow(phase.Fault, action, Outage(phase, commits), committed, invalid, failed, late, lost, doubled, phase.Hand, string.Join("; ", notes), passed);
    }

    /// <summary>A failure reason without what varies per transaction: its step and status.</summary>
    private static string Reason(string? reason)
    {
        if (reason is null)
        {
            return "pending at the end";
        }

        int colon = reason.IndexOf("):", StringComparison.Ordinal);
        return colon > 0 ? reason[..(colon + 1)] : reason.Split(':')[0];
    }
}
