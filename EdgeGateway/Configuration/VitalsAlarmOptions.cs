using System.ComponentModel.DataAnnotations;
using EdgeGateway.Alarms;

namespace EdgeGateway.Configuration;

/// <summary>Vitals out of range (alarms.vitals; docs/alarms.md).</summary>
public sealed class VitalsAlarmOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Medium (prompt response) by default; a ward may make it high, never low.</summary>
    [PriorityRange(AlarmPriority.Medium, AlarmPriority.High)]
    public AlarmPriority Priority { get; set; } = AlarmPriority.Medium;

    /// <summary>How long a vital must stay outside its limits: bed-sensor rates are noisy epoch to epoch.</summary>
    [Range(5, 600, ErrorMessage = "must be 5..600")]
    public int SustainSeconds { get; set; } = 60;

    /// <summary>A gap without measurements longer than this restarts the sustain time.</summary>
    [Range(1, 120, ErrorMessage = "must be 1..120")]
    public int MaxGapSeconds { get; set; } = 15;

    public VitalsLimitOptions Limits { get; set; } = new();
}
