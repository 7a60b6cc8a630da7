using System.Diagnostics.Metrics;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>
/// An <see cref="IMeterFactory"/> whose meters belong to one test, with a listener totalling every long
/// measurement by instrument and tags, so counts are exact and never mixed with another test's.
/// </summary>
public sealed class RecordingMeterFactory : IMeterFactory
{
    private readonly Lock _gate = new();
    private readonly List<Meter> _meters = [];
    private readonly Dictionary<string, (string Instrument, KeyValuePair<string, string>[] Tags, long Total)> _series = new(StringComparer.Ordinal);
    private readonly MeterListener _listener = new();

    public RecordingMeterFactory()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            lock (_gate)
            {
                if (_meters.Contains(instrument.Meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var pairs = tags.ToArray().Select(t => KeyValuePair.Create(t.Key, Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "")).OrderBy(t => t.Key, StringComparer.Ordinal).ToArray();
            var key = instrument.Name + string.Concat(pairs.Select(t => $"|{t.Key}={t.Value}"));
            lock (_gate)
            {
                var current = _series.GetValueOrDefault(key, (instrument.Name, pairs, 0));
                _series[key] = current with { Total = current.Total + value };
            }
        });
        _listener.Start();
    }

    public Meter Create(MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
        lock (_gate)
        {
            _meters.Add(meter);
        }

        _listener.RecordObservableInstruments();
        return meter;
    }

    /// <summary>The total of <paramref name="instrument"/> over every series carrying all the given tags.</summary>
    public long Total(string instrument, params (string Key, string Value)[] tags)
    {
        lock (_gate)
        {
            return _series.Values
                .Where(s => s.Instrument == instrument && tags.All(t => s.Tags.Any(kv => kv.Key == t.Key && kv.Value == t.Value)))
                .Sum(s => s.Total);
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        lock (_gate)
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }
        }
    }
}
