using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Threading.Channels;
using EdgeGateway.Alarms;
using EdgeGateway.Drivers;
using EdgeGateway.Engine;
using EdgeGateway.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.LocalBroker;

/// <summary>
/// Publishes alarm transitions on <c>edgegw/{gatewayId}/alarms/{alarmId}</c> (retained while active; a
/// clear is published, then the retained message is removed) and readings on
/// <c>edgegw/{gatewayId}/readings/{deviceId}</c>. The engine only queues: alarms are never dropped and go
/// first; readings wait at most one per device (<see cref="LatestReadings"/>): one that a newer reading of
/// its device overtakes before it was published is conflated, counted, and never serialised.
/// </summary>
public sealed partial class LocalAnnunciator : BackgroundService, IAlarmAnnunciator
{
    private readonly EmbeddedBroker _broker;
    private readonly string _prefix;
    private readonly ILogger<LocalAnnunciator> _logger;
    // Not single-reader: the loop waits on both channels at once.
    private readonly Channel<(string Topic, byte[] Payload, bool Retain)> _alarms = Channel.CreateUnbounded<(string, byte[], bool)>(new UnboundedChannelOptions { SingleReader = false });
    private readonly LatestReadings _readings = new();
    // Wakes the loop when a device gets a reading waiting; at most one item per device, so unbounded is bounded.
    private readonly Channel<bool> _readingsWaiting = Channel.CreateUnbounded<bool>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Dictionary<string, string> _readingTopics = new(StringComparer.Ordinal);
    private JsonPayload? _spare;

    public LocalAnnunciator(EmbeddedBroker broker, string gatewayId, IMeterFactory meterFactory, ILogger<LocalAnnunciator> logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _broker = broker ?? throw new ArgumentNullException(nameof(broker));
        _prefix = $"edgegw/{gatewayId}";
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        meterFactory.Create(Drivers.DriverMetrics.MeterName).CreateObservableCounter("edgegw.local.readings_conflated", () => ReadingsConflated, "{reading}",
            "Readings not published on the local broker because a newer one of the same device overtook them (the cloud gets every reading)");
    }

    /// <summary>Readings not published because a newer one of the same device overtook them (metric <c>edgegw.local.readings_conflated</c>).</summary>
    public long ReadingsConflated => _readings.Conflated;

    public void Announce(AlarmTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var topic = $"{_prefix}/alarms/{transition.AlarmId}";
        var payload = Json(w => TelemetryWriter.WriteAlarm(w, transition));
        var active = transition.State != AlarmState.Cleared;
        _alarms.Writer.TryWrite((topic, payload, active));
        if (!active)
        {
            _alarms.Writer.TryWrite((topic, [], true));
        }
    }

    public void Observe(DeviceEvent deviceEvent)
    {
        if (deviceEvent is not Reading reading)
        {
            return;
        }

        if (_readings.Offer(reading))
        {
            _readingsWaiting.Writer.TryWrite(true);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await WaitForAnyAsync(stoppingToken))
        {
            // Alarms first, always: re-checked before every reading.
            while (_alarms.Reader.TryRead(out var message) || TryTakeReading(out message))
            {
                try
                {
                    await _broker.PublishAsync(message.Topic, message.Payload, message.Retain, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogPublishFailed(_logger, message.Topic, e.Message);
                }
            }
        }
    }

    /// <summary>The next waiting reading as a message, serialised only now that it is sure to be published.</summary>
    private bool TryTakeReading(out (string Topic, byte[] Payload, bool Retain) message)
    {
        _readingsWaiting.Reader.TryRead(out _);
        if (!_readings.TryTake(out var reading))
        {
            message = default;
            return false;
        }

        if (!_readingTopics.TryGetValue(reading.DeviceId, out var topic))
        {
            topic = $"{_prefix}/readings/{reading.DeviceId}";
            _readingTopics.Add(reading.DeviceId, topic);
        }

        message = (topic, Json(w =>
        {
            TelemetryWriter.WriteTimestamp(w, "ts"u8, reading.Timestamp);
            w.WriteString("type", reading.ReadingType);
            reading.WriteData(w);
        }), true);
        return true;
    }

    private async Task<bool> WaitForAnyAsync(CancellationToken cancellationToken)
    {
        try
        {
            var alarms = _alarms.Reader.WaitToReadAsync(cancellationToken).AsTask();
            var readings = _readingsWaiting.Reader.WaitToReadAsync(cancellationToken).AsTask();
            await Task.WhenAny(alarms, readings);
            return !cancellationToken.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private byte[] Json(Action<Utf8JsonWriter> write)
    {
        var payload = JsonPayload.Rent(ref _spare, default);
        var bytes = payload.Object(write);
        JsonPayload.Return(ref _spare, payload);
        return bytes;
    }

    [LoggerMessage(EventId = 1310, Level = LogLevel.Warning, Message = "Local broker publish on {Topic} failed: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string topic, string reason);
}
