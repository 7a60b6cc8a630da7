using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>
/// An <see cref="IMeterFactory"/> whose meters belong to one test, with a listener summing every counter
/// by instrument name and tags, so counts are exact and never mixed with another test's.
/// </summary>
public sealed class ModbusTestMeters : IMeterFactory
{
    private readonly List<Meter> _meters = [];
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new();

    public ModbusTestMeters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            lock (_meters)
            {
                if (_meters.Contains(instrument.Meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name + string.Concat(tags.ToArray().OrderBy(t => t.Key).Select(t => $"|{t.Key}={t.Value}"));
            _totals.AddOrUpdate(key, value, (_, total) => total + value);
        });
        _listener.Start();
    }

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
        lock (_meters)
        {
            _meters.Add(meter);
        }

        _listener.RecordObservableInstruments();
        return meter;
    }

    /// <summary>The sum of <paramref name="instrument"/> for exactly these tags (as <c>key=value</c>, any order).</summary>
    public long Count(string instrument, params string[] tags) =>
        _totals.TryGetValue(instrument + string.Concat(tags.Order(StringComparer.Ordinal).Select(t => "|" + t)), out var total) ? total : 0;

    public void Dispose()
    {
        _listener.Dispose();
        lock (_meters)
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }
        }
    }
}
