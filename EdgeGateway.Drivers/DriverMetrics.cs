using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EdgeGateway.Drivers;

/// <summary>
/// The counters every driver shares, tagged by device. Created once per process from the host's
/// <see cref="IMeterFactory"/> so tests can observe them with a MetricCollector.
/// </summary>
public sealed class DriverMetrics
{
    /// <summary>The meter every EdgeGateway counter belongs to.</summary>
    public const string MeterName = "EdgeGateway";

    private readonly Counter<long> _frames;
    private readonly Counter<long> _badFrames;
    private readonly Counter<long> _reconnects;

    public DriverMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _frames = meter.CreateCounter<long>("edgegw.driver.frames", "{frame}", "Frames decoded successfully");
        _badFrames = meter.CreateCounter<long>("edgegw.driver.bad_frames", "{frame}", "Frames rejected, by reason (crc, truncated, malformed, exception, timeout)");
        _reconnects = meter.CreateCounter<long>("edgegw.driver.reconnects", "{reconnect}", "Transport reconnect attempts");
    }

    public void FrameDecoded(string deviceId) => _frames.Add(1, new KeyValuePair<string, object?>("device", deviceId));

    /// <summary>Counts a rejected frame; <paramref name="reason"/> is a short stable word (crc, truncated, malformed, exception, timeout).</summary>
    public void FrameRejected(string deviceId, string reason)
    {
        var tags = new TagList { { "device", deviceId }, { "reason", reason } };
        _badFrames.Add(1, tags);
    }

    public void Reconnect(string deviceId) => _reconnects.Add(1, new KeyValuePair<string, object?>("device", deviceId));
}
