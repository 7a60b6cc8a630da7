using System.ComponentModel.DataAnnotations;
using EdgeGateway.Alarms;

namespace EdgeGateway.Configuration;

/// <summary>Pipe burst (alarms.pipeBurst; docs/alarms.md), on every pressure transmitter; located on the configured pipes.</summary>
public sealed class PipeBurstAlarmOptions
{
    public bool Enabled { get; set; } = true;

    [PriorityRange(AlarmPriority.Medium, AlarmPriority.High)]
    public AlarmPriority Priority { get; set; } = AlarmPriority.High;

    /// <summary>A fall of at least this much below the level of the last window is a burst.</summary>
    [Range(1.0, 10_000.0, ErrorMessage = "must be 1..10000")]
    public double DropThresholdKpa { get; set; } = 30;

    /// <summary>The window whose median is the level a drop is measured from.</summary>
    [Range(10, 60_000, ErrorMessage = "must be 10..60000")]
    public int WindowMs { get; set; } = 2000;

    /// <summary>How long the pressure must be back (within half the threshold) before the alarm clears.</summary>
    [Range(0, 3600, ErrorMessage = "must be 0..3600")]
    public int RecoveryHoldSeconds { get; set; } = 30;

    public List<PipeOptions> Pipes { get; set; } = [];
}
