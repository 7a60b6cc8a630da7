using System.ComponentModel.DataAnnotations;
using EdgeGateway.Alarms;

namespace EdgeGateway.Configuration;

/// <summary>Signal lost (alarms.signalLost; docs/alarms.md): a patient in bed the sensor cannot measure.</summary>
public sealed class SignalLostAlarmOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Low: a technical alarm; it must never outrank a clinical one.</summary>
    [PriorityRange(AlarmPriority.Low, AlarmPriority.Medium)]
    public AlarmPriority Priority { get; set; } = AlarmPriority.Low;

    [Range(5, 600, ErrorMessage = "must be 5..600")]
    public int HoldSeconds { get; set; } = 30;
}
