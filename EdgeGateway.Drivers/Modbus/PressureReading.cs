using System.Text.Json;

namespace EdgeGateway.Drivers.Modbus;

/// <summary>A pipe-pressure transmitter's value in kPa (telemetry <c>data.type</c> = <c>pressure</c>).</summary>
public sealed record PressureReading(string DeviceId, DateTimeOffset Timestamp, double PressureKpa) : Reading(DeviceId, Timestamp)
{
    public override string ReadingType => "pressure";

    public override void WriteData(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumber("pressureKpa", PressureKpa);
    }
}
