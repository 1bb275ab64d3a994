using System.Globalization;
using System.Text;
using Fabricish.Channels.Crypto;
using Fabricish.Peer.Channels;

namespace Fabricish.Peer.Operations;

/// <summary>/metrics in Prometheus' text format: per channel the ledger height and whether it commits, and the
/// <see cref="PeerMetrics"/> counters. Read straight from the channels, as a stopgap until the orderer's exporter
/// takes any meter and moves to a shared hosting library.</summary>
internal static class MetricsText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Render(PeerChannels channels, PeerMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(metrics);
        var text = new StringBuilder();
        Family(text, "fabricish_peer_ledger_height", "gauge", "Blocks in the channel's ledger (genesis included)",
            channels.Channels.Select(c => (c.ChannelId, (double)c.Height)));
        Family(text, "fabricish_peer_commit_available", "gauge", "1 while the channel commits, else 0",
            channels.Channels.Select(c => (c.ChannelId, c.Health.IsHealthy ? 1d : 0d)));
        foreach (string name in new[] { PeerMetrics.CommitFailuresName, PeerMetrics.CommittedName, PeerMetrics.RefusedName })
        {
            Family(text, name.Replace('.', '_') + "_total", "counter", name,
                metrics.Totals.Where(t => t.Key.Name == name).Select(t => (t.Key.Channel, (double)t.Value)));
        }

        text.Append(EcdsaOperations.PrometheusText());
        return text.ToString();
    }

    private static void Family(StringBuilder text, string name, string type, string help, IEnumerable<(string Channel, double Value)> series)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach ((string channel, double value) in series.OrderBy(s => s.Channel, StringComparer.Ordinal))
        {
            text.Append(name).Append("{channel=\"").Append(channel).Append("\"} ")
                .Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }
}
