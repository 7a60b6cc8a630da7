using System.ComponentModel.DataAnnotations;
using EdgeGateway.Alarms;

namespace EdgeGateway.Configuration;

/// <summary>One threshold alarm on a numeric point (alarms.thresholds[i]; docs/alarms.md).</summary>
public sealed class ThresholdAlarmOptions : IValidatableObject
{
    /// <summary>The alarm's subject: what staff call it.</summary>
    [Required(ErrorMessage = "is required")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$", ErrorMessage = "must be 1-64 letters, digits, '_' or '-', starting with a letter or digit")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "is required")]
    public string DeviceId { get; set; } = "";

    /// <summary>The telemetry field: a Modbus point's field (<c>temperatureDegC</c>) or a transmitter's <c>pressureKpa</c>.</summary>
    [Required(ErrorMessage = "is required")]
    public string Field { get; set; } = "";

    public double? LowLimit { get; set; }

    public double? HighLimit { get; set; }

    /// <summary>How far back inside a limit the value must come to clear, in the field's unit.</summary>
    [Range(0.0, double.MaxValue, ErrorMessage = "must not be negative")]
    public double Hysteresis { get; set; }

    [Range(0, 86_400, ErrorMessage = "must be 0..86400")]
    public int SustainSeconds { get; set; } = 10;

    public AlarmPriority Priority { get; set; } = AlarmPriority.Medium;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LowLimit is null && HighLimit is null)
        {
            yield return new ValidationResult("lowLimit, highLimit or both are required", [nameof(HighLimit)]);
        }
        else if (LowLimit is { } low && HighLimit is { } high && high - low <= 2 * Hysteresis)
        {
            yield return new ValidationResult("must be above lowLimit by more than twice the hysteresis", [nameof(HighLimit)]);
        }
    }
}
