using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// A device's <c>modbus</c> section: the line (exactly one of <see cref="Tcp"/> or <see cref="Rtu"/>), the unit id,
/// timing, and the register map. Devices with the same <c>tcp</c> endpoint or <c>rtu.port</c> share one line.
/// </summary>
public sealed class ModbusDeviceOptions : IValidatableObject
{
    /// <summary>Modbus TCP server as <c>host:port</c> (502 is the registered port).</summary>
    public string? Tcp { get; set; }

    public ModbusRtuOptions? Rtu { get; set; }

    /// <summary>The slave address on the line (Serial Line V1.02 §2.2: 1..247; 0 is broadcast, never polled).</summary>
    [Range(1, 247, ErrorMessage = "must be 1..247")]
    public int UnitId { get; set; } = 1;

    [Range(10, 86_400_000, ErrorMessage = "must be at least 10")]
    public int PollIntervalMs { get; set; } = 1000;

    /// <summary>How long one request waits for its answer.</summary>
    [Range(10, 60_000, ErrorMessage = "must be 10..60000")]
    public int TimeoutMs { get; set; } = 1000;

    /// <summary>Consecutive unanswered or rejected polls before the device is reported offline.</summary>
    [Range(1, 1000, ErrorMessage = "must be 1..1000")]
    public int OfflineAfterFailures { get; set; } = 3;

    public List<ModbusPointOptions> Points { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if ((Tcp is null) == (Rtu is null))
        {
            yield return new ValidationResult("exactly one of tcp or rtu is required", [nameof(Tcp), nameof(Rtu)]);
        }

        if (Tcp is not null && !ModbusTcpTransport.TryParseEndPoint(Tcp, out _))
        {
            yield return new ValidationResult("must be host:port with port 1..65535", [nameof(Tcp)]);
        }

        if (Points.Count == 0)
        {
            yield return new ValidationResult("at least one point is required", [nameof(Points)]);
        }

        var duplicate = Points.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            yield return new ValidationResult($"point name '{duplicate.Key}' is used twice", [nameof(Points)]);
        }
    }

    /// <summary>
    /// Rules that depend on the device's <c>type</c> (outside this section): a <c>pressure</c> device needs a point
    /// named <c>pressure</c> in kPa, bar, psi, MPa or mA, and an mA point needs its range. The lead's device
    /// validation calls this; member names are relative to this section.
    /// </summary>
    public IEnumerable<ValidationResult> ValidateProfile(string deviceType)
    {
        if (deviceType != ModbusDevice.PressureType)
        {
            yield break;
        }

        var index = Points.FindIndex(p => p.Name == ModbusDevice.PressurePoint);
        if (index < 0)
        {
            yield return new ValidationResult("a pressure device needs a point named 'pressure'", [nameof(Points)]);
            yield break;
        }

        var point = Points[index];
        if (!PressureUnits.IsSupported(point.Unit))
        {
            yield return new ValidationResult($"must be one of {string.Join(", ", PressureUnits.Supported)}", [$"points[{index}].unit"]);
        }
        else if (point.Unit == PressureUnits.Milliampere && (point.RangeMinKpa is not { } min || point.RangeMaxKpa is not { } max || max <= min))
        {
            yield return new ValidationResult("a 4-20 mA pressure point needs rangeMinKpa < rangeMaxKpa", [$"points[{index}].rangeMaxKpa"]);
        }
    }
}
