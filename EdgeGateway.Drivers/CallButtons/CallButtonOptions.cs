using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Drivers.CallButtons;

/// <summary>
/// One bedside call point wired to GPIO (config <c>devices[i].gpio</c>); see docs/protocols/call-buttons.md.
/// Cancel at the bedside by a second contact (<see cref="CancelLine"/>), a long press
/// (<see cref="LongPressCancelMs"/>), both, or neither (then only an acknowledgement clears the call).
/// </summary>
public sealed class CallButtonOptions : IValidatableObject
{
    /// <summary>The GPIO chip number: <c>/dev/gpiochip{chip}</c>.</summary>
    [Range(0, 63, ErrorMessage = "must be 0..63")]
    public int Chip { get; set; }

    /// <summary>The line (offset on the chip) of the call contact.</summary>
    [Range(0, 1023, ErrorMessage = "must be 0..1023")]
    public int Line { get; set; }

    /// <summary>True for a dry contact to ground with a pull-up (closed = low), the usual wiring.</summary>
    public bool ActiveLow { get; set; } = true;

    /// <summary>How long a contact must stay still before its new state counts; contact bounce is shorter.</summary>
    [Range(1, 1000, ErrorMessage = "must be 1..1000")]
    public int DebounceMs { get; set; } = 50;

    /// <summary>The line of a separate staff cancel contact at the bedside, if any.</summary>
    [Range(0, 1023, ErrorMessage = "must be 0..1023")]
    public int? CancelLine { get; set; }

    /// <summary>Holding the call button this long after the press counts as a cancel, if set.</summary>
    [Range(500, 60_000, ErrorMessage = "must be 500..60000")]
    public int? LongPressCancelMs { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CancelLine == Line)
        {
            yield return new ValidationResult("must differ from line", [nameof(CancelLine)]);
        }
    }
}
