using System.Text.Json;

namespace EdgeGateway.Drivers.Modbus;

/// <summary>A pipe-pressure transmitter's value in kPa (telemetry <c>data.type</c> = <c>pressure</c>).</summary>
public sealed record PressureReading(string DeviceId, DateTimeOffset Timestamp, double PressureKpa) : Reading(DeviceId, Timestamp)
{
    public override string ReadingType => "pressure";

    public override void WriteData(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        // A float32 register carries about 7 significant digits; 1 Pa is finer than any transmitter resolves.
        writer.WriteNumber("pressureKpa", Math.Round(PressureKpa, 3));
    }
}
