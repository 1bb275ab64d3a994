using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Fabricish.Channels.Crypto;

namespace Fabricish.Orderer.Operations;

/// <summary>Renders this node's instruments in Prometheus' text exposition format for <c>/metrics</c>: counters are
/// summed as measured, observable gauges are read at scrape time.</summary>
internal sealed class PrometheusExporter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<Instrument, Dictionary<string, double>> _series = [];

    public PrometheusExporter(OrdererMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        Meter meter = metrics.Meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                lock (_gate)
                {
                    _series[instrument] = new Dictionary<string, double>(StringComparer.Ordinal);
                }

                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public string Render()
    {
        lock (_gate)
        {
            // Gauges are re-read from scratch so a removed channel's series disappears.
            foreach ((Instrument instrument, Dictionary<string, double> series) in _series)
            {
                if (instrument.IsObservable)
                {
                    series.Clear();
                }
            }
        }

        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        lock (_gate)
        {
            foreach ((Instrument instrument, Dictionary<string, double> series) in _series.OrderBy(s => s.Key.Name, StringComparer.Ordinal))
            {
                bool counter = !instrument.IsObservable;
                string name = instrument.Name.Replace('.', '_') + (counter ? "_total" : string.Empty);
                text.Append("# HELP ").Append(name).Append(' ').Append(instrument.Description).Append('\n');
                text.Append("# TYPE ").Append(name).Append(counter ? " counter\n" : " gauge\n");
                foreach ((string labels, double value) in series.OrderBy(s => s.Key, StringComparer.Ordinal))
                {
                    text.Append(name).Append(labels).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
                }
            }
        }

        text.Append(EcdsaOperations.PrometheusText());
        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string labels = Labels(tags);
        lock (_gate)
        {
            if (!_series.TryGetValue(instrument, out Dictionary<string, double>? series))
            {
                return;
            }

            series[labels] = instrument.IsObservable ? value : series.GetValueOrDefault(labels) + value;
        }
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }

        var pairs = new List<string>(tags.Length);
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            string value = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty;
            pairs.Add($"{tag.Key}=\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\"");
        }

        pairs.Sort(StringComparer.Ordinal);
        return "{" + string.Join(',', pairs) + "}";
    }
}
