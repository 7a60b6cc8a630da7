using System.ComponentModel.DataAnnotations;
using EdgeGateway.Alarms;

namespace EdgeGateway.Configuration;

/// <summary>Bed exit (alarms.bedExit; docs/alarms.md): a patient out of an armed bed for longer than the delay.</summary>
public sealed class BedExitAlarmOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Medium: a fall-risk patient needs a prompt response; a ward of high fall risk may choose high.</summary>
    public AlarmPriority Priority { get; set; } = AlarmPriority.Medium;

    /// <summary>Time out of bed before the alarm: long enough to sit on the edge or turn over, short enough to reach a patient before a fall.</summary>
    [Range(0, 600, ErrorMessage = "must be 0..600")]
    public int DelaySeconds { get; set; } = 10;
}
