using System.Diagnostics.Metrics;
using System.Threading.Channels;
using EdgeGateway.Drivers;

namespace EdgeGateway.Engine;

/// <summary>
/// The bounded channel between the drivers and the engine (design.md §2). A driver that finds it full
/// waits (back-pressure) rather than dropping a reading; each wait is counted and its depth is a gauge.
/// </summary>
public sealed class ReadingChannel : IDeviceEventWriter
{
    private readonly Channel<DeviceEvent> _channel;
    private readonly Counter<long> _events;
    private readonly Counter<long> _backpressure;

    public ReadingChannel(int capacity, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _channel = Channel.CreateBounded<DeviceEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var meter = meterFactory.Create(DriverMetrics.MeterName);
        _events = meter.CreateCounter<long>("edgegw.engine.events", "{event}", "Device events handed to the engine");
        _backpressure = meter.CreateCounter<long>("edgegw.engine.backpressure_waits", "{wait}", "Times a driver waited because the engine's queue was full");
        meter.CreateObservableGauge("edgegw.engine.queue_depth", () => _channel.Reader.Count, "{event}", "Events waiting for the engine");
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Depth => _channel.Reader.Count;

    internal ChannelReader<DeviceEvent> Reader => _channel.Reader;

    public ValueTask WriteAsync(DeviceEvent deviceEvent, CancellationToken cancellationToken)
    {
        if (_channel.Writer.TryWrite(deviceEvent))
        {
            _events.Add(1);
            return ValueTask.CompletedTask;
        }

        return WaitAndWriteAsync(deviceEvent, cancellationToken);
    }

    /// <summary>Queues a clock tick unless the engine is already behind (then the next tick will do).</summary>
    internal void TryTick(DateTimeOffset now) => _channel.Writer.TryWrite(new EngineTick(now));

    internal void Complete() => _channel.Writer.TryComplete();

    private async ValueTask WaitAndWriteAsync(DeviceEvent deviceEvent, CancellationToken cancellationToken)
    {
        _backpressure.Add(1);
        await _channel.Writer.WriteAsync(deviceEvent, cancellationToken);
        _events.Add(1);
    }
}
