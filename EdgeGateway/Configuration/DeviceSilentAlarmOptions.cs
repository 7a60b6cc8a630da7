using System.ComponentModel.DataAnnotations;
using EdgeGateway.Alarms;

namespace EdgeGateway.Configuration;

/// <summary>Device silent (design.md §5): no frame from a device for longer than its interval.</summary>
public sealed class DeviceSilentAlarmOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>A silent bed sensor hides every vital-sign alarm, so medium by default.</summary>
    public AlarmPriority Priority { get; set; } = AlarmPriority.Medium;

    /// <summary>Silence allowed when a device sets none of its own.</summary>
    [Range(1, 86_400, ErrorMessage = "must be 1..86400")]
    public int DefaultTimeoutSeconds { get; set; } = 30;
}
