using System.Diagnostics.Metrics;
using EdgeGateway.Alarms;
using EdgeGateway.Drivers;
using EdgeGateway.Drivers.Llrp;
using EdgeGateway.Engine;

namespace EdgeGateway.Stock;

/// <summary>
/// Feeds the engine's tag readings to the <see cref="StockTracker"/> on the engine's thread, stamped with
/// the engine's clock (the reader's own timestamps may be replays after a reconnect, or from a wrong
/// clock). It announces nothing: the stock and expiry alarms are rules in the engine.
/// </summary>
public sealed class StockObserver : IAlarmAnnunciator
{
    private readonly StockTracker _tracker;
    private readonly TimeProvider _time;

    public StockObserver(StockTracker tracker, TimeProvider time, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _tracker = tracker;
        _time = time;
        var meter = meterFactory.Create(DriverMetrics.MeterName);
        meter.CreateObservableCounter("edgegw.stock.unmapped_reads", () => tracker.UnmappedReadings, "{reading}", "Tag reads from an antenna mapped to no stock location");
        meter.CreateObservableCounter("edgegw.stock.not_sgtin_reads", () => tracker.NotSgtinReadings, "{reading}", "Tag reads whose EPC is not an SGTIN, so not counted as stock");
    }

    public void Announce(AlarmTransition transition)
    {
    }

    public void Observe(DeviceEvent deviceEvent)
    {
        if (deviceEvent is TagReading reading)
        {
            _tracker.Observe(reading, _time.GetUtcNow());
        }
    }
}
