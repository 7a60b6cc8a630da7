using System.ComponentModel.DataAnnotations;
using EdgeGateway.Alarms;

namespace EdgeGateway.Configuration;

/// <summary>A GPIO output that makes alarms heard or seen in the corridor: a light or a buzzer relay (alarms.relays[i]).</summary>
public sealed class RelayOptions : IValidatableObject
{
    [Required(ErrorMessage = "is required")]
    [StringLength(64, MinimumLength = 1, ErrorMessage = "must be 1-64 characters")]
    public string Name { get; set; } = "";

    [Range(0, 64, ErrorMessage = "must be 0..64")]
    public int Chip { get; set; }

    [Range(0, 1023, ErrorMessage = "must be 0..1023")]
    public int Line { get; set; }

    /// <summary>Relay boards differ: true drives the line high to switch the relay on.</summary>
    public bool ActiveHigh { get; set; } = true;

    /// <summary>Which alarm priorities switch it on.</summary>
    public List<AlarmPriority> Priorities { get; set; } = [AlarmPriority.High];

    /// <summary>A buzzer stops when the alarm is acknowledged; a corridor light stays on until it clears.</summary>
    public RelayHold Until { get; set; } = RelayHold.Cleared;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Priorities.Count == 0)
        {
            yield return new ValidationResult("needs at least one of low, medium, high", [nameof(Priorities)]);
        }
    }
}
