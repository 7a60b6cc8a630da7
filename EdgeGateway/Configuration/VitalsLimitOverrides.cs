using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Configuration;

/// <summary>A bed's own vitals limits (devices[i].vitalsLimits, mattress only); unset keys use alarms.vitals.limits.</summary>
public sealed class VitalsLimitOverrides
{
    [Range(20, 250, ErrorMessage = "must be 20..250")]
    public int? HrLowBpm { get; set; }

    [Range(20, 250, ErrorMessage = "must be 20..250")]
    public int? HrHighBpm { get; set; }

    [Range(1, 80, ErrorMessage = "must be 1..80")]
    public int? RrLowBrpm { get; set; }

    [Range(1, 80, ErrorMessage = "must be 1..80")]
    public int? RrHighBrpm { get; set; }
}
