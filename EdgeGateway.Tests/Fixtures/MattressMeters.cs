using System.Diagnostics.Metrics;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>A meter factory plus a listener that sums each counter by its tags, so tests assert exact counts.</summary>
internal sealed class MattressMeters : IMeterFactory
{
    private readonly List<Meter> _meters = [];
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _totals = [];
    private readonly Lock _gate = new();

    public MattressMeters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (_meters.Contains(instrument.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name + string.Concat(tags.ToArray().OrderBy(t => t.Key).Select(t => $"|{t.Key}={t.Value}"));
            lock (_gate)
            {
                _totals[key] = _totals.GetValueOrDefault(key) + value;
            }
        });
        _listener.Start();
    }

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options.Name, options.Version, options.Tags, this);
        _meters.Add(meter);
        _listener.RecordObservableInstruments();
        return meter;
    }

    /// <summary>The total of <paramref name="instrument"/> for exactly these tags, e.g. <c>("device","bed-1"), ("reason","checksum")</c>.</summary>
    public long Total(string instrument, params (string Key, string Value)[] tags)
    {
        var key = instrument + string.Concat(tags.OrderBy(t => t.Key).Select(t => $"|{t.Key}={t.Value}"));
        lock (_gate)
        {
            return _totals.GetValueOrDefault(key);
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }
}
