using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Configuration;

/// <summary>Apnea (alarms.apnea; docs/alarms.md). Always high priority: not configurable.</summary>
public sealed class ApneaAlarmOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>No breathing this long is apnea (the clinical definition: a pause of 20 s or more).</summary>
    [Range(10, 60, ErrorMessage = "must be 10..60")]
    public int ApneaSeconds { get; set; } = 20;

    /// <summary>Breathing measured this long clears the alarm (a single breath does not).</summary>
    [Range(0, 120, ErrorMessage = "must be 0..120")]
    public int ResumeHoldSeconds { get; set; } = 10;

    /// <summary>A gap in the RR measurements (weak-signal epochs) up to this long does not restart the count.</summary>
    [Range(0, 10, ErrorMessage = "must be 0..10")]
    public int GapToleranceSeconds { get; set; } = 5;
}
