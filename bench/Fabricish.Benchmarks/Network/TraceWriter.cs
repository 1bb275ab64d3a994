using System.Text.Json;

namespace Fabricish.Benchmarks.Network;

/// <summary>
/// <c>--trace</c>: one JSON line per transaction with each step's time, milliseconds since the bench began — start,
/// endorsed, submitted, ordered (block out of the orderer), committed on each peer, and the outcome. Steps not reached
/// are null.
/// </summary>
public static class TraceWriter
{
    public static void Write(string path, IEnumerable<TxRecord> records, long origin, IReadOnlyList<string> peerNames)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(peerNames);
        using FileStream file = File.Create(path);
        using var json = new Utf8JsonWriter(file);
        foreach (TxRecord r in records.OrderBy(r => r.Start))
        {
            json.WriteStartObject();
            json.WriteString("txid", r.TransactionId);
            json.WriteNumber("seq", r.Sequence);
            json.WriteNumber("worker", r.Worker);
            json.WriteNumber("gateway", r.Gateway);
            json.WriteBoolean("measured", r.Measured);
            At(json, "startMs", origin, r.Start);
            At(json, "endorsedMs", origin, r.Endorsed);
            At(json, "submittedMs", origin, r.Submitted);
            At(json, "orderedMs", origin, r.Ordered);
            json.WriteStartObject("peerCommittedMs");
            for (int i = 0; i < r.PeerCommitted.Length; i++)
            {
                At(json, i < peerNames.Count ? peerNames[i] : $"peer{i}", origin, r.PeerCommitted[i]);
            }

            json.WriteEndObject();
            At(json, "doneMs", origin, r.Committed);
            json.WriteString("outcome", r.Outcome.ToString());
            if (r.Outcome is Network.TxOutcome.Committed or Network.TxOutcome.Invalid && r.Block != 0)
            {
                json.WriteNumber("block", r.Block);
            }

            if (r.Code is { } code)
            {
                json.WriteString("code", ValidationCodes.Name(code));
            }

            if (r.Reason is { } reason)
            {
                json.WriteString("reason", reason);
            }

            json.WriteEndObject();
            json.Flush();
            file.WriteByte((byte)'\n');
            json.Reset();
        }
    }

    private static void At(Utf8JsonWriter json, string name, long origin, long timestamp)
    {
        if (timestamp == 0)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteNumber(name, Math.Round(TxStats.Ms(origin, timestamp), 2));
        }
    }
}
