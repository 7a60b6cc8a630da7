using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// Groups configured Modbus devices by the line they share, and checks what no single device can: devices on
/// one RS-485 port agree on its serial settings, and unit ids are unique per line.
/// </summary>
public static class ModbusLines
{
    /// <summary>The devices of each line, in config order; pass each group to a <see cref="ModbusLineDriver"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<ModbusDevice>> Group(IEnumerable<ModbusDevice> devices) =>
        [.. devices.GroupBy(d => d.LineKey, StringComparer.Ordinal).Select(g => (IReadOnlyList<ModbusDevice>)[.. g])];

    /// <summary>Cross-device errors; the member names are relative to the device's <c>modbus</c> section.</summary>
    public static IReadOnlyList<(string DeviceId, ValidationResult Error)> Validate(IEnumerable<ModbusDevice> devices)
    {
        var errors = new List<(string, ValidationResult)>();
        foreach (var line in Group(devices))
        {
            var first = line[0];
            foreach (var device in line.Skip(1))
            {
                var clash = line.TakeWhile(d => d != device).FirstOrDefault(d => d.Options.UnitId == device.Options.UnitId);
                if (clash is not null)
                {
                    errors.Add((device.Id, new ValidationResult($"unit id {device.Options.UnitId} is already used by '{clash.Id}' on {device.LineKey}", ["unitId"])));
                }

                if (first.Options.Rtu is { } a && device.Options.Rtu is { } b
                    && (a.Baud, a.Parity, a.DataBits, a.StopBits) != (b.Baud, b.Parity, b.DataBits, b.StopBits))
                {
                    errors.Add((device.Id, new ValidationResult($"serial settings differ from '{first.Id}' on the same port {a.Port}", ["rtu"])));
                }
            }
        }

        return errors;
    }
}
