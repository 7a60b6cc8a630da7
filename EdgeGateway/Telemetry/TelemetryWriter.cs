using System.Globalization;
using System.Text.Json;
using EdgeGateway.Alarms;
using EdgeGateway.Drivers;
using EdgeGateway.Outbox;

namespace EdgeGateway.Telemetry;

/// <summary>
/// Writes the <c>edgegw/1</c> envelope (docs/telemetry.md, docs/telemetry.schema.json): one JSON object
/// per message with schema, gatewayId, seq, id, kind, ts (observation time, UTC, ms), device and data.
/// Changing a field here is a new schema version.
/// </summary>
public sealed class TelemetryWriter
{
    public const string Schema = "edgegw/1";

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    private readonly string _gatewayId;
    private readonly string? _site;
    private readonly Dictionary<string, DeviceInfo> _devices;
    private JsonPayload? _spare;

    public TelemetryWriter(string gatewayId, string? site, IEnumerable<DeviceInfo> devices)
    {
        _gatewayId = gatewayId;
        _site = site;
        _devices = devices.ToDictionary(d => d.Id, StringComparer.Ordinal);
    }

    public OutboxDraft ReadingDraft(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return new OutboxDraft(MessageKind.Reading, reading.DeviceId, null, reading.Timestamp, (seq, id) => Write(seq, id, "reading", reading.Timestamp, reading.DeviceId, w =>
        {
            w.WriteString("type", reading.ReadingType);
            reading.WriteData(w);
        }));
    }

    public OutboxDraft DeviceDraft(DeviceStatusChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new OutboxDraft(MessageKind.Device, change.DeviceId, null, change.Timestamp, (seq, id) => Write(seq, id, "device", change.Timestamp, change.DeviceId, w =>
        {
            w.WriteString("state", JsonNamingPolicy.CamelCase.ConvertName(change.State.ToString()));
            if (change.Detail is not null)
            {
                w.WriteString("detail", change.Detail);
            }
        }));
    }

    public OutboxDraft AlarmDraft(AlarmTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return new OutboxDraft(MessageKind.Alarm, transition.DeviceId, transition.Priority, transition.Timestamp,
            (seq, id) => Write(seq, id, "alarm", transition.Timestamp, transition.DeviceId, w => WriteAlarm(w, transition)))
        {
            ActiveAlarm = new ActiveAlarmChange(transition.AlarmId, transition.Stored),
        };
    }

    /// <summary>The alarm fields, also used for the retained local topic edgegw/{gatewayId}/alarms/{alarmId}.</summary>
    public static void WriteAlarm(Utf8JsonWriter writer, AlarmTransition transition)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(transition);
        writer.WriteString("alarmId", transition.AlarmId);
        writer.WriteString("type", transition.Type);
        writer.WriteString("priority", PriorityName(transition.Priority));
        writer.WriteString("state", StateName(transition.State));
        writer.WriteString("subject", transition.Subject);
        writer.WriteString("raisedAt", FormatTimestamp(transition.RaisedAt));
        writer.WriteString("message", transition.Message);
        if (transition.AcknowledgedBy is not null)
        {
            writer.WriteString("acknowledgedBy", transition.AcknowledgedBy);
        }

        writer.WriteStartObject("values");
        foreach (var (name, value) in transition.Values)
        {
            writer.WriteNumber(name, value);
        }

        writer.WriteEndObject();
    }

    public static string PriorityName(AlarmPriority priority) => priority switch
    {
        AlarmPriority.High => "high",
        AlarmPriority.Medium => "medium",
        _ => "low",
    };

    public static string StateName(AlarmState state) => JsonNamingPolicy.CamelCase.ConvertName(state.ToString());

    /// <summary>ISO-8601 UTC with milliseconds, as every <c>ts</c> in telemetry.</summary>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Writes a timestamp property exactly as <see cref="FormatTimestamp"/> spells it, digit by digit into the
    /// stack: no string and no format parse per message (every reading has one).
    /// </summary>
    internal static void WriteTimestamp(Utf8JsonWriter writer, ReadOnlySpan<byte> utf8Name, DateTimeOffset timestamp)
    {
        var utc = timestamp.UtcDateTime;
        Span<byte> text = stackalloc byte[24];
        "0000-00-00T00:00:00.000Z"u8.CopyTo(text);
        Digits(text[..4], utc.Year);
        Digits(text[5..7], utc.Month);
        Digits(text[8..10], utc.Day);
        Digits(text[11..13], utc.Hour);
        Digits(text[14..16], utc.Minute);
        Digits(text[17..19], utc.Second);
        Digits(text[20..23], utc.Millisecond);
        writer.WriteString(utf8Name, text);
    }

    private static void Digits(Span<byte> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private byte[] Write(long seq, string id, string kind, DateTimeOffset timestamp, string? deviceId, Action<Utf8JsonWriter> data)
    {
        var payload = JsonPayload.Rent(ref _spare, WriterOptions);
        var bytes = payload.Object(w =>
        {
            w.WriteString("schema"u8, Schema);
            w.WriteString("gatewayId"u8, _gatewayId);
            if (_site is not null)
            {
                w.WriteString("site"u8, _site);
            }

            w.WriteNumber("seq"u8, seq);
            w.WriteString("id"u8, id);
            w.WriteString("kind"u8, kind);
            WriteTimestamp(w, "ts"u8, timestamp);
            if (deviceId is not null)
            {
                WriteDevice(w, deviceId);
            }

            w.WriteStartObject("data"u8);
            data(w);
            w.WriteEndObject();
        });
        JsonPayload.Return(ref _spare, payload);
        return bytes;
    }

    private void WriteDevice(Utf8JsonWriter w, string deviceId)
    {
        w.WriteStartObject("device");
        w.WriteString("id", deviceId);
        if (_devices.TryGetValue(deviceId, out var device))
        {
            w.WriteString("type", device.TypeName);
            WriteIfSet(w, "ward", device.Location.Ward);
            WriteIfSet(w, "room", device.Location.Room);
            WriteIfSet(w, "bed", device.Location.Bed);
            WriteIfSet(w, "zone", device.Location.Zone);
        }

        w.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
