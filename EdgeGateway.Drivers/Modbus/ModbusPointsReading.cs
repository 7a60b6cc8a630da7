using System.Text.Json;

namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// The configured points of a device read in one poll (telemetry <c>data.type</c> = <c>modbus</c>): one number
/// per point, named after the point and its unit, e.g. <c>temperatureDegC</c>.
/// </summary>
public sealed record ModbusPointsReading(string DeviceId, DateTimeOffset Timestamp, IReadOnlyList<ModbusPointValue> Points) : Reading(DeviceId, Timestamp)
{
    public override string ReadingType => "modbus";

    public override void WriteData(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var point in Points)
        {
            writer.WriteNumber(point.Field, point.Value);
        }
    }
}
