using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>An <see cref="IMeterFactory"/> whose meters only this instance listens to, with the sum of each counter by tag.</summary>
public sealed class LlrpTestMeters : IMeterFactory
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, KeyValuePair<string, object?>[] Tags, long Value)> _measurements = new();
    private readonly ConcurrentBag<Meter> _meters = [];

    public LlrpTestMeters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, this))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, tags.ToArray(), value)));
        _listener.Start();
    }

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options.Name, options.Version, options.Tags, this);
        _meters.Add(meter);
        return meter;
    }

    /// <summary>Sum of <paramref name="instrument"/> over measurements carrying every given tag value.</summary>
    public long Sum(string instrument, params (string Key, string Value)[] tags) =>
        _measurements
            .Where(m => m.Instrument == instrument && tags.All(t => m.Tags.Any(kv => kv.Key == t.Key && Equals(kv.Value, t.Value))))
            .Sum(m => m.Value);

    public void Dispose()
    {
        _listener.Dispose();
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }
}
