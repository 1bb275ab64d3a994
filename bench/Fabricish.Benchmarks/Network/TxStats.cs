using System.Diagnostics;
using Fabricish.Benchmarks.Harness;

namespace Fabricish.Benchmarks.Network;

/// <summary>Counts, latencies and the per-second timeline out of the transaction records.</summary>
public static class TxStats
{
    private const int MaxExamples = 10;

    public static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    public static TxAccounting Account(IReadOnlyCollection<TxRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var invalidByCode = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var failedByReason = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var examples = new List<string>();
        long committed = 0, invalid = 0, failed = 0, pending = 0;
        bool explained = true;
        foreach (TxRecord r in records)
        {
            switch (r.Outcome)
            {
                case TxOutcome.Committed:
                    committed++;
                    break;
                case TxOutcome.Invalid:
                    invalid++;
                    string code = r.Code is { } c ? ValidationCodes.Name(c) : "(none)";
                    explained &= r.Code is not null;
                    invalidByCode[code] = invalidByCode.GetValueOrDefault(code) + 1;
                    break;
                case TxOutcome.Failed:
                    failed++;
                    explained &= !string.IsNullOrEmpty(r.Reason);
                    string reason = r.Reason is { } text && text.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon ? text[..colon] : r.Reason ?? "(none)";
                    failedByReason[reason] = failedByReason.GetValueOrDefault(reason) + 1;
                    if (examples.Count < MaxExamples)
                    {
                        examples.Add($"{r.TransactionId}: {r.Reason}");
                    }

                    break;
                default:
                    pending++;
                    break;
            }
        }

        bool accounted = pending == 0 && explained && committed + invalid + failed == records.Count;
        return new TxAccounting(records.Count, committed, invalid, failed, pending, invalidByCode, failedByReason, examples, accounted);
    }

    public static StageLatencies Latencies(IEnumerable<TxRecord> measured)
    {
        var endorse = new LatencyRecorder();
        var submit = new LatencyRecorder();
        var order = new LatencyRecorder();
        var commit = new LatencyRecorder();
        var e2e = new LatencyRecorder();
        foreach (TxRecord r in measured)
        {
            if (r.Endorsed != 0)
            {
                endorse.Add(r.Start, r.Endorsed);
            }

            if (r.Submitted != 0)
            {
                submit.Add(r.Endorsed, r.Submitted);
            }

            if (r.Outcome is not (TxOutcome.Committed or TxOutcome.Invalid) || r.Committed == 0)
            {
                continue;
            }

            long ordered = OrderedAt(r);
            if (ordered != 0 && r.Endorsed != 0)
            {
                order.Add(r.Endorsed, ordered);
                commit.Add(ordered, r.Committed);
            }

            if (r.Outcome == TxOutcome.Committed)
            {
                e2e.Add(r.Start, r.Committed);
            }
        }

        return new StageLatencies(endorse.Summarize(), submit.Summarize(), order.Summarize(), commit.Summarize(), e2e.Summarize());
    }

    /// <summary>The block left the orderer; without an orderer watch, the first peer's commit stands in.</summary>
    public static long OrderedAt(TxRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Ordered != 0)
        {
            return record.Ordered;
        }

        long first = 0;
        foreach (long t in record.PeerCommitted)
        {
            if (t != 0 && (first == 0 || t < first))
            {
                first = t;
            }
        }

        return first;
    }

    /// <summary>Mean time per step over committed transactions; shares of the mean end to end.</summary>
    public static IReadOnlyList<StageShare> WhereTimeGoes(IEnumerable<TxRecord> measured, bool query, string stateWrite)
    {
        double endorse = 0, submit = 0, block = 0, commit = 0, e2e = 0;
        long n = 0;
        foreach (TxRecord r in measured)
        {
            if (r.Outcome != TxOutcome.Committed)
            {
                continue;
            }

            n++;
            e2e += Ms(r.Start, r.Committed);
            endorse += Ms(r.Start, r.Endorsed);
            if (query)
            {
                continue;
            }

            long ordered = OrderedAt(r);
            submit += Ms(r.Endorsed, r.Submitted);
            block += Ms(r.Submitted, Math.Max(ordered, r.Submitted));
            commit += Ms(Math.Max(ordered, r.Submitted), r.Committed);
        }

        if (n == 0)
        {
            return [];
        }

        double total = e2e / n;
        StageShare Share(string stage, double sum) => new(stage, sum / n, total > 0 ? sum / n / total : 0);
        return query
            ? [Share("evaluate (client sign, gateway, endorser, chaincode)", endorse)]
            :
            [
                Share("endorse (client sign, gateway, both endorsers, chaincode)", endorse),
                Share("submit (client sign, gateway checks, orderer Broadcast, Kafka ack)", submit),
                Share("wait for the block (block cutting, Kafka, orderer Deliver)", block),
                Share($"commit on every peer (deliver, validate, {stateWrite})", commit),
            ];
    }

    /// <summary>Per second since <paramref name="origin"/>, by finish time.</summary>
    public static IReadOnlyList<TimeBucket> Timeline(IEnumerable<TxRecord> records, long origin)
    {
        var buckets = new SortedDictionary<int, List<TxRecord>>();
        foreach (TxRecord r in records)
        {
            if (r.Committed == 0 || r.Committed < origin)
            {
                continue;
            }

            int second = (int)Math.Floor(Ms(origin, r.Committed) / 1000);
            if (!buckets.TryGetValue(second, out List<TxRecord>? list))
            {
                buckets[second] = list = [];
            }

            list.Add(r);
        }

        var timeline = new List<TimeBucket>();
        foreach ((int second, List<TxRecord> list) in buckets)
        {
            List<TxRecord> ok = [.. list.Where(r => r.Outcome == TxOutcome.Committed)];
            timeline.Add(new TimeBucket(
                second,
                ok.Count,
                list.Count(r => r.Outcome == TxOutcome.Invalid),
                list.Count(r => r.Outcome == TxOutcome.Failed),
                Percentile(ok.Select(r => Ms(r.Start, r.Committed)), 0.50),
                Percentile(ok.Select(r => Ms(r.Start, r.Committed)), 0.99),
                Percentile(ok.Where(r => r.Endorsed != 0).Select(r => Ms(r.Start, r.Endorsed)), 0.50),
                Percentile(ok.Where(r => r.Endorsed != 0 && OrderedAt(r) != 0).Select(r => Ms(r.Endorsed, OrderedAt(r))), 0.50),
                Percentile(ok.Where(r => OrderedAt(r) != 0).Select(r => Ms(OrderedAt(r), r.Committed)), 0.50)));
        }

        return timeline;
    }

    private static double Percentile(IEnumerable<double> values, double p)
    {
        double[] sorted = [.. values];
        if (sorted.Length == 0)
        {
            return 0;
        }

        Array.Sort(sorted);
        return Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 1);
    }
}
