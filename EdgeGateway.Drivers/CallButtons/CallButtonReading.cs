using System.Text.Json;

namespace EdgeGateway.Drivers.CallButtons;

/// <summary>A nurse-call event (telemetry <c>data.type</c> "call", <c>data.event</c> "pressed" or "cancelled").</summary>
public sealed record CallButtonReading(string DeviceId, DateTimeOffset Timestamp, CallButtonEvent Event)
    : Reading(DeviceId, Timestamp)
{
    public override string ReadingType => "call";

    public override void WriteData(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("event", Event == CallButtonEvent.Pressed ? "pressed" : "cancelled");
    }
}
