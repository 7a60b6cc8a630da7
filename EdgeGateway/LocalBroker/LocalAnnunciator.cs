using System.Buffers;
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
/// <c>edgegw/{gatewayId}/readings/{deviceId}</c>. The engine only queues: alarms are never dropped,
/// readings are dropped oldest-first if displays cannot keep up.
/// </summary>
public sealed partial class LocalAnnunciator : BackgroundService, IAlarmAnnunciator
{
    private const int ReadingBacklog = 4096;

    private readonly EmbeddedBroker _broker;
    private readonly string _prefix;
    private readonly ILogger<LocalAnnunciator> _logger;
    // Not single-reader: the loop waits on both channels at once.
    private readonly Channel<(string Topic, byte[] Payload, bool Retain)> _alarms = Channel.CreateUnbounded<(string, byte[], bool)>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Channel<(string Topic, byte[] Payload, bool Retain)> _readings = Channel.CreateBounded<(string, byte[], bool)>(new BoundedChannelOptions(ReadingBacklog) { SingleReader = false, FullMode = BoundedChannelFullMode.DropOldest });

    public LocalAnnunciator(EmbeddedBroker broker, string gatewayId, ILogger<LocalAnnunciator> logger)
    {
        _broker = broker ?? throw new ArgumentNullException(nameof(broker));
        _prefix = $"edgegw/{gatewayId}";
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

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

        var payload = Json(w =>
        {
            w.WriteString("ts", TelemetryWriter.FormatTimestamp(reading.Timestamp));
            w.WriteString("type", reading.ReadingType);
            reading.WriteData(w);
        });
        _readings.Writer.TryWrite(($"{_prefix}/readings/{reading.DeviceId}", payload, true));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await WaitForAnyAsync(stoppingToken))
        {
            // Alarms first, always.
            while (_alarms.Reader.TryRead(out var alarm) || _readings.Reader.TryRead(out alarm))
            {
                try
                {
                    await _broker.PublishAsync(alarm.Topic, alarm.Payload, alarm.Retain, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogPublishFailed(_logger, alarm.Topic, e.Message);
                }
            }
        }
    }

    private async Task<bool> WaitForAnyAsync(CancellationToken cancellationToken)
    {
        try
        {
            var alarms = _alarms.Reader.WaitToReadAsync(cancellationToken).AsTask();
            var readings = _readings.Reader.WaitToReadAsync(cancellationToken).AsTask();
            await Task.WhenAny(alarms, readings);
            return !cancellationToken.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    [LoggerMessage(EventId = 1310, Level = LogLevel.Warning, Message = "Local broker publish on {Topic} failed: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string topic, string reason);
}
