using System.Diagnostics.Metrics;
using System.Threading.Channels;
using EdgeGateway.Drivers;

namespace EdgeGateway.Engine;

/// <summary>
/// The bounded queue between the drivers and the engine (design.md §2), in two lanes. The urgent lane holds
/// the events of devices whose alarms must sound at once (call buttons, beds), clock ticks and commands;
/// the bulk lane the rest (RFID reads, pressure samples). The engine always takes from the urgent lane
/// first, so a call press never waits behind thousands of queued tag reads. A device's events all go
/// to one lane, so each device's readings and status changes keep their order. A driver that finds its
/// lane full waits (back-pressure) rather than dropping an event; each wait is counted.
/// </summary>
public sealed class ReadingChannel : IDeviceEventWriter
{
    /// <summary>Capacity of the urgent lane: its devices are few and slow (a bed reports about once a second).</summary>
    public const int UrgentCapacity = 1024;

    private readonly Channel<DeviceEvent> _urgent;
    private readonly Channel<DeviceEvent> _bulk;
    private readonly HashSet<string> _urgentDevices;
    private readonly Counter<long> _events;
    private readonly Counter<long> _backpressure;

    /// <param name="capacity">Capacity of the bulk lane (config <c>gateway.readingQueueCapacity</c>).</param>
    /// <param name="urgentDevices">The devices whose events take the urgent lane.</param>
    /// <param name="meterFactory">Where the counters go.</param>
    public ReadingChannel(int capacity, IEnumerable<string> urgentDevices, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _urgentDevices = new HashSet<string>(urgentDevices, StringComparer.Ordinal);
        // Not single-reader: the engine waits on both lanes at once and abandons one wait when the other wakes it.
        _urgent = Channel.CreateBounded<DeviceEvent>(new BoundedChannelOptions(UrgentCapacity) { FullMode = BoundedChannelFullMode.Wait });
        _bulk = Channel.CreateBounded<DeviceEvent>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait });
        var meter = meterFactory.Create(DriverMetrics.MeterName);
        _events = meter.CreateCounter<long>("edgegw.engine.events", "{event}", "Device events handed to the engine");
        _backpressure = meter.CreateCounter<long>("edgegw.engine.backpressure_waits", "{wait}", "Times a driver waited because the engine's queue was full");
        meter.CreateObservableGauge("edgegw.engine.queue_depth", () => Depth, "{event}", "Events waiting for the engine");
        Capacity = capacity;
    }

    /// <summary>Capacity of the bulk lane.</summary>
    public int Capacity { get; }

    /// <summary>Events waiting in both lanes.</summary>
    public int Depth => _urgent.Reader.Count + _bulk.Reader.Count;

    public ValueTask WriteAsync(DeviceEvent deviceEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceEvent);
        var lane = IsUrgent(deviceEvent) ? _urgent : _bulk;
        if (lane.Writer.TryWrite(deviceEvent))
        {
            _events.Add(1);
            return ValueTask.CompletedTask;
        }

        return WaitAndWriteAsync(lane, deviceEvent, cancellationToken);
    }

    /// <summary>The next event, urgent ones first; false when both lanes are empty right now.</summary>
    internal bool TryRead(out DeviceEvent deviceEvent) =>
        _urgent.Reader.TryRead(out deviceEvent!) || _bulk.Reader.TryRead(out deviceEvent!);

    /// <summary>Waits until either lane has an event; false once both are completed and drained.</summary>
    internal async ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken)
    {
        while (!_urgent.Reader.TryPeek(out _) && !_bulk.Reader.TryPeek(out _))
        {
            var urgentDone = _urgent.Reader.Completion.IsCompleted;
            var bulkDone = _bulk.Reader.Completion.IsCompleted;
            await ((urgentDone, bulkDone) switch
            {
                (true, true) => Task.CompletedTask,
                (true, false) => (Task)_bulk.Reader.WaitToReadAsync(cancellationToken).AsTask(),
                (false, true) => _urgent.Reader.WaitToReadAsync(cancellationToken).AsTask(),
                _ => Task.WhenAny(_urgent.Reader.WaitToReadAsync(cancellationToken).AsTask(), _bulk.Reader.WaitToReadAsync(cancellationToken).AsTask()),
            });
            if (urgentDone && bulkDone)
            {
                return false;
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        return true;
    }

    /// <summary>Queues a clock tick unless the engine is already behind (then the next tick will do).</summary>
    internal void TryTick(DateTimeOffset now) => _urgent.Writer.TryWrite(new EngineTick(now));

    internal void Complete()
    {
        _urgent.Writer.TryComplete();
        _bulk.Writer.TryComplete();
    }

    /// <summary>Ticks and commands are urgent; a device's readings and status changes are urgent if the device is.</summary>
    private bool IsUrgent(DeviceEvent deviceEvent) =>
        deviceEvent is not (Reading or DeviceStatusChange) || _urgentDevices.Contains(deviceEvent.DeviceId);

    private async ValueTask WaitAndWriteAsync(Channel<DeviceEvent> lane, DeviceEvent deviceEvent, CancellationToken cancellationToken)
    {
        _backpressure.Add(1);
        await lane.Writer.WriteAsync(deviceEvent, cancellationToken);
        _events.Add(1);
    }
}
