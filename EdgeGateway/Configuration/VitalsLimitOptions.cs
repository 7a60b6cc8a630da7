using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Configuration;

/// <summary>
/// Heart-rate and respiration-rate limits (alarms.vitals.limits), at the NEWS2 "score 3" bounds of an adult
/// ward by default; a bed overrides any of them with devices[i].vitalsLimits.
/// </summary>
public sealed class VitalsLimitOptions : IValidatableObject
{
    [Range(20, 250, ErrorMessage = "must be 20..250")]
    public int HrLowBpm { get; set; } = 40;

    [Range(20, 250, ErrorMessage = "must be 20..250")]
    public int HrHighBpm { get; set; } = 130;

    [Range(1, 80, ErrorMessage = "must be 1..80")]
    public int RrLowBrpm { get; set; } = 8;

    [Range(1, 80, ErrorMessage = "must be 1..80")]
    public int RrHighBrpm { get; set; } = 25;

    /// <summary>How far back inside a limit the heart rate must come to clear.</summary>
    [Range(0, 30, ErrorMessage = "must be 0..30")]
    public int HrHysteresisBpm { get; set; } = 5;

    [Range(0, 10, ErrorMessage = "must be 0..10")]
    public int RrHysteresisBrpm { get; set; } = 2;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Check(HrLowBpm, HrHighBpm, HrHysteresisBpm, RrLowBrpm, RrHighBrpm, RrHysteresisBrpm);

    /// <summary>Low below high, with room for the hysteresis on both sides; also checks a bed's merged limits.</summary>
    internal static IEnumerable<ValidationResult> Check(int hrLow, int hrHigh, int hrHysteresis, int rrLow, int rrHigh, int rrHysteresis)
    {
        if (hrHigh - hrLow <= 2 * hrHysteresis)
        {
            yield return new ValidationResult("must be above hrLowBpm by more than twice hrHysteresisBpm", [nameof(HrHighBpm)]);
        }

        if (rrHigh - rrLow <= 2 * rrHysteresis)
        {
            yield return new ValidationResult("must be above rrLowBrpm by more than twice rrHysteresisBrpm", [nameof(RrHighBrpm)]);
        }
    }
}
