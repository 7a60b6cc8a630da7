using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using EdgeGateway.Drivers;

namespace EdgeGateway.Metrics;

/// <summary>
/// Listens to every EdgeGateway instrument (System.Diagnostics.Metrics) and keeps their current values,
/// for the Prometheus endpoint and <c>edgegw status</c>.
/// </summary>
public sealed class MetricsCollector : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(Instrument Instrument, string Tags), Series> _series = new();

    public MetricsCollector()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DriverMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public IReadOnlyList<MetricSample> Snapshot()
    {
        _listener.RecordObservableInstruments();
        return [.. _series.Select(s => s.Value.Sample(s.Key.Instrument)).OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => string.Join(',', s.Tags), StringComparer.Ordinal)];
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = (instrument, TagKey(tags));
        // The tag array is only built for a new series: this runs for every measurement of every counter.
        if (!_series.TryGetValue(key, out var series))
        {
            series = _series.GetOrAdd(key, static (k, t) => new Series(Kind(k.Instrument), t), tags.ToArray());
        }

        series.Add(value);
    }

    private static string TagKey(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return "";
        }

        var parts = new string[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            parts[i] = $"{tags[i].Key}={Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture)}";
        }

        Array.Sort(parts, StringComparer.Ordinal);
        return string.Join(',', parts);
    }

    private static string Kind(Instrument instrument) => instrument switch
    {
        Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> => "counter",
        Histogram<double> or Histogram<long> => "histogram",
        _ => "gauge",
    };

    private sealed class Series(string kind, KeyValuePair<string, object?>[] tags)
    {
        private readonly Lock _gate = new();
        private readonly KeyValuePair<string, string>[] _tags = [.. tags
            .Select(t => new KeyValuePair<string, string>(t.Key, Convert.ToString(t.Value, CultureInfo.InvariantCulture) ?? ""))
            .OrderBy(t => t.Key, StringComparer.Ordinal)];

        private double _value;
        private long _count;

        public void Add(double value)
        {
            lock (_gate)
            {
                _value = kind == "gauge" ? value : _value + value;
                _count++;
            }
        }

        public MetricSample Sample(Instrument instrument)
        {
            lock (_gate)
            {
                return new MetricSample(instrument.Name, kind, _tags, _value, _count, instrument.Description);
            }
        }
    }
}
